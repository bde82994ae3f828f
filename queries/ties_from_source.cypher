// The ties a source put in the store (provenance), with their ends' labels.
// A named source's rows carry "source:NAME from FILE": $provenance is "source:NAME"
// and $prefix "source:NAME from " (null for a file source; cosgraph.provenance).
// params: provenance, prefix
// Each load's source is kept once, in the Stamp table; rows hold its number (_stamp).
MATCH (s:Stamp) WHERE s.provenance = $provenance OR s.provenance STARTS WITH $prefix
WITH collect(s.number) AS stamps
MATCH (a)-[r]->(b) WHERE r._stamp IN stamps
RETURN label(r) AS type, a.id AS source, b.id AS target, label(a) AS source_label,
       label(b) AS target_label
