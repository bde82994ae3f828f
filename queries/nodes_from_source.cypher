// The nodes a source put in the store (provenance), with their labels.
// A named source's rows carry "source:NAME from FILE": $provenance is "source:NAME"
// and $prefix "source:NAME from " (null for a file source; cosgraph.provenance).
// params: provenance, prefix
// Each load's source is kept once, in the Stamp table; rows hold its number (_stamp).
MATCH (s:Stamp) WHERE s.provenance = $provenance OR s.provenance STARTS WITH $prefix
WITH collect(s.number) AS stamps
MATCH (n) WHERE n._stamp IN stamps
RETURN n.id AS id, label(n) AS label
