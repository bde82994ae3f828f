// The Community of Solutions Behaviors a skill domain supports (Table 1 crosswalk).
// params: domain
MATCH (d:Domain)-[:SUPPORTS]->(b:Behavior) WHERE d.id = $domain
RETURN b.number AS number, b.text AS text, b.`group` AS behavior_group ORDER BY number
