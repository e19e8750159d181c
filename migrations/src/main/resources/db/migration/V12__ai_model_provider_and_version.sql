-- AI users name their model's provider and version besides the model (issue 9, the model's rating). The models
-- leaderboard groups AI users by model name; provider and version say what exactly was run. Lengths are checked
-- by the API too; the checks here keep any other writer honest.
ALTER TABLE users ADD COLUMN provider TEXT CHECK (char_length(provider) <= 100);
ALTER TABLE users ADD COLUMN model_version TEXT CHECK (char_length(model_version) <= 100);
ALTER TABLE users ADD CONSTRAINT users_model_length CHECK (char_length(model) <= 100) NOT VALID;
