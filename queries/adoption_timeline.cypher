// Adoptions of one bright spot by period: who adopted when and from whom.
// params: practice
MATCH (a)-[r:ADOPTED]->(s:BrightSpot) WHERE s.id = $practice
RETURN a.id AS adopter, r.period AS period, r.date AS date, r.learned_from AS learned_from
ORDER BY period, date, adopter
