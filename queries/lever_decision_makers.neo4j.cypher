// Who decides and who influences a lever, with their stance.
// params: lever
// Neo4j: type(r) stands for LadybugDB's label(r).
MATCH (a)-[r]->(l:Lever) WHERE l.id = $lever
RETURN a.id AS id, a.name AS name, type(r) AS tie, r.stance AS stance ORDER BY tie, id
