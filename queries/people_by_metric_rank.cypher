// People ranked by PageRank, with betweenness and community, as written by
// `cosgraph analyze metrics --write` (empty until then).
// params: limit
MATCH (p:Person) WHERE p.metric_pagerank IS NOT NULL
RETURN p.id AS id, p.name AS name, p.metric_pagerank AS pagerank,
       p.metric_betweenness AS betweenness, p.metric_community AS community
ORDER BY pagerank DESC, id LIMIT $limit
