// Every tie that touches one of these nodes, with its ends' labels.
// params: ids
MATCH (a)-[r]->(b) WHERE a.id IN $ids OR b.id IN $ids
RETURN label(r) AS type, a.id AS source, b.id AS target, label(a) AS source_label,
       label(b) AS target_label
