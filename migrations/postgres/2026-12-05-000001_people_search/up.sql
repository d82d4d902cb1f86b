-- What a people search matches: the name and email folded to lower-case ASCII
-- (Łukasz → lukasz, Иван → ivan), computed by the service on every write. Rows
-- written before this column existed are filled in after migrating (an empty key
-- is never a real one: every person has a name).
ALTER TABLE people ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
