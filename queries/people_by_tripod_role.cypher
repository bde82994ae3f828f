// People of one tripod role with their power, interest and consent.
// params: role
MATCH (p:Person) WHERE p.tripod_role = $role
RETURN p.id AS id, p.name AS name, p.power AS power, p.interest AS interest, p.consent AS consent
ORDER BY p.power DESC, p.id
