-- Reprocessing: the selection of a run is frozen at creation (one row per selected inspection, with the part program
-- version it is re-judged with), so a resumed run processes exactly the same set. Items that cannot be re-inspected
-- (missing or corrupt archive file, image the pipeline rejects) are recorded once, like results, and not retried.
CREATE TABLE reprocess_run_items (
    run_id                   TEXT    NOT NULL REFERENCES reprocess_runs(id),
    inspection_id            INTEGER NOT NULL REFERENCES inspections(id),
    part_program_version_id  INTEGER NOT NULL REFERENCES part_program_versions(id),
    PRIMARY KEY (run_id, inspection_id)
) WITHOUT ROWID;

CREATE TABLE reprocess_failures (
    id               INTEGER PRIMARY KEY,
    run_id           TEXT    NOT NULL REFERENCES reprocess_runs(id),
    inspection_id    INTEGER NOT NULL REFERENCES inspections(id),
    error            TEXT    NOT NULL,
    processed_utc    TEXT    NOT NULL,
    UNIQUE (run_id, inspection_id)
);
