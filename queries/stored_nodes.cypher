// The stored properties of the nodes with these ids (the store plans a load with it).
// params: ids
MATCH (n) WHERE n.id IN $ids RETURN label(n) AS label, n AS props
