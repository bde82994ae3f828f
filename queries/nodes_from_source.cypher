// The nodes a source file put in the store (provenance), with their labels.
// params: provenance
MATCH (n) WHERE n.provenance = $provenance RETURN n.id AS id, label(n) AS label
