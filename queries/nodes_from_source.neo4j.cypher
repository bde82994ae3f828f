// The nodes a source file put in the store (provenance), with their labels.
// params: provenance
// Neo4j: labels(n)[0] stands for LadybugDB's label(n).
MATCH (n) WHERE n.provenance = $provenance AND n.id IS NOT NULL
RETURN n.id AS id, labels(n)[0] AS label
