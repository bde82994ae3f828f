// People and organizations per sector (a person may count in several sectors).
MATCH (p:Person) UNWIND p.sectors AS sector RETURN sector, 'person' AS kind, count(*) AS count
UNION ALL
MATCH (o:Organization) WHERE o.sector IS NOT NULL
RETURN o.sector AS sector, 'organization' AS kind, count(*) AS count
