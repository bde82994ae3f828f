// The ties a source file put in the store (provenance), with their ends' labels.
// params: provenance
MATCH (a)-[r]->(b) WHERE r.provenance = $provenance
RETURN label(r) AS type, a.id AS source, b.id AS target, label(a) AS source_label,
       label(b) AS target_label
