// Every node with its label and properties: the projection to networkx reads this.
MATCH (n) RETURN label(n) AS label, n AS props
