// Who learned a bright spot from whom: adopter, source and both adoption periods.
// params: practice
MATCH (a)-[r:ADOPTED]->(s:BrightSpot), (src)-[r2:ADOPTED]->(s)
WHERE s.id = $practice AND src.id = r.learned_from
RETURN a.id AS adopter, r.period AS period, src.id AS learned_from, r2.period AS source_period
ORDER BY period, adopter
