// The nodes a source put in the store (provenance), with their labels.
// A named source's rows carry "source:NAME from FILE": $provenance is "source:NAME"
// and $prefix "source:NAME from " (null for a file source; cosgraph.provenance).
// params: provenance, prefix
// Neo4j: labels(n)[0] stands for LadybugDB's label(n).
MATCH (n) WHERE (n.provenance = $provenance OR n.provenance STARTS WITH $prefix)
  AND n.id IS NOT NULL
RETURN n.id AS id, labels(n)[0] AS label
