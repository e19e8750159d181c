-- AI users name their model's provider and version besides the model (issue 9, the model's rating). The models
-- leaderboard groups AI users by model name; provider and version say what exactly was run. The API checks
-- lengths (1 to 100 characters, model included); the checks here keep any other writer to the new columns honest.
-- The older model column gets no check: rows stored before this migration may be longer, and a NOT VALID check
-- would still refuse every later UPDATE of such a row (a rating change, say).
ALTER TABLE users ADD COLUMN provider TEXT CHECK (char_length(provider) <= 100);
ALTER TABLE users ADD COLUMN model_version TEXT CHECK (char_length(model_version) <= 100);
