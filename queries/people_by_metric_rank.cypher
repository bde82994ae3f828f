// People ranked by PageRank, with betweenness and community, as written by
// `cosgraph analyze metrics --write` (empty until then).
// params: limit
MATCH (p:Person) WHERE p.pagerank IS NOT NULL
RETURN p.id AS id, p.name AS name, p.pagerank AS pagerank, p.betweenness AS betweenness,
       p.community AS community
ORDER BY pagerank DESC, id LIMIT $limit
