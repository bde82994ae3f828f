// People per tripod role (formal leaders, community connectors, residents with lived experience).
MATCH (p:Person) RETURN coalesce(p.tripod_role, 'unknown') AS tripod_role, count(*) AS count
ORDER BY tripod_role
