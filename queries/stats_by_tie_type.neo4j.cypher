// How many ties of each type the store holds.
// Neo4j: type(r) stands for LadybugDB's label(r).
MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count ORDER BY type
