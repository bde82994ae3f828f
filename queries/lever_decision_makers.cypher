// Who decides and who influences a lever, with their stance.
// params: lever
MATCH (a)-[r]->(l:Lever) WHERE l.id = $lever
RETURN a.id AS id, a.name AS name, label(r) AS tie, r.stance AS stance ORDER BY tie, id
