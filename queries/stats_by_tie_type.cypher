// How many ties of each type the store holds.
MATCH ()-[r]->() RETURN label(r) AS type, count(*) AS count ORDER BY type
