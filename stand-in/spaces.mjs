/** The spaces every emulated account has: what GET /v1/spaces lists. */

const space = (id, name, icon, description) =>
  Object.freeze({
    object: 'space',
    id,
    name,
    icon,
    description,
    gateway_url: 'http://127.0.0.1:31006',
    network_id: 'N5ZhxS8KjaqTtuGvK3BPe9WfYJ2dmLcR7oUs4yNv6AiHgXbQ',
  });

/** The account's spaces, as GET /v1/spaces serves them (`object`, `id`, `name`, `icon`, …). */
export const SPACES = Object.freeze([
  space('bafyreihw5tyx4qpz7gsm2nkrc3vdlb6ajfeo4u7whxiq5ty3r2kmnbvdpe.1a2b3c4d5e6f7', 'My Space', null, ''),
  space('bafyreid3kq7smv2yjx5lg4pbwn6tcrhaze4uoiq7f2xk3vmy5nbl6dtrsu.9z8y7x6w5v4u3', 'Work', { format: 'emoji', emoji: '💼' }, 'Team notes'),
  space('bafyreig6pn2xw4lqk7tvy3sdhm5ajcrb4ezuo7if2wxk6nmy3tbl5qdrpa.k1l2m3n4o5p6q', 'Reading list', { format: 'icon', name: 'book', color: 'yellow' }, ''),
]);

/**
 * The short space reference the 2026 API serves by default: the last 6 characters of the id's
 * CID half (the part before the dot), e.g. `…phxwz2i.28y6mgnwgodt7` → `hxwz2i`.
 */
export const shortSpaceId = (id) => id.split('.')[0].slice(-6);

/** The space whose full id or short reference is `idOrShort`, or undefined. */
export const spaceNamed = (idOrShort) => SPACES.find((space) => space.id === idOrShort || shortSpaceId(space.id) === idOrShort);
