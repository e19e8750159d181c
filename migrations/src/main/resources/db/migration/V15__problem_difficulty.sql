-- A problem's difficulty in a contest, on the Codeforces rating scale (as Codeforces rates its problems): the
-- models leaderboard counts solved problems by it. Null: not rated.
ALTER TABLE contest_problems ADD COLUMN rating INTEGER CHECK (rating IS NULL OR rating BETWEEN 0 AND 10000);
