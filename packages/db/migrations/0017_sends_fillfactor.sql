-- Every send is updated twice (claimed, then sent). At fillfactor 70 most of those updates found no room on the
-- row's page (a claimed row is about twice the size of a pending one, and the old versions cannot be pruned while
-- the next range of the wave is being written): each then wrote a new entry in all four indexes of sends. Measured
-- on 100,000 sends claimed and marked sent by 1,000: 28 % HOT updates at fillfactor 70, 100 % at 20, the
-- updates' PostgreSQL CPU 3 s → 0.9 s. New pages only; existing rows keep their pages.
ALTER TABLE "sends" SET (fillfactor = 20);
