-- Near-duplicate lookup without reading listing bodies.
--
-- Finding a near-duplicate reads the SimHash of every open listing of the same company. Those
-- columns sit after `body` in the row, so without this index SQLite walks each body's overflow
-- pages to reach them: storing 100k listings took minutes. With (company_key, closed_at, simhash,
-- id) the lookup is answered from the index alone.
CREATE INDEX listings_company_simhash ON listings (company_key, closed_at, simhash, id);
DROP INDEX listings_company_key;
