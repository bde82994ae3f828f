// The nodes a source put in the store (provenance), with their labels.
// A named source's rows carry "source:NAME from FILE": $provenance is "source:NAME"
// and $prefix "source:NAME from " (null for a file source; cosgraph.provenance).
// params: provenance, prefix
MATCH (n) WHERE n.provenance = $provenance OR n.provenance STARTS WITH $prefix
RETURN n.id AS id, label(n) AS label
