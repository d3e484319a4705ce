-- CastInspect store, schema 1. Times are ISO-8601 UTC text (sortable); ids are integers unless they come from the line.
-- Migration numbering: 0002-0009 service/storage, 0010-0019 viewer (users, dispositions), 0020-0029 reprocessing.

CREATE TABLE part_program_versions (
    id              INTEGER PRIMARY KEY,
    part_number     TEXT    NOT NULL,
    revision        INTEGER NOT NULL,
    sha256          TEXT    NOT NULL,
    content_json    TEXT    NOT NULL,
    first_seen_utc  TEXT    NOT NULL,
    UNIQUE (part_number, revision, sha256)
);

CREATE TABLE model_versions (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL,
    version         TEXT    NOT NULL,
    sha256          TEXT    NOT NULL,
    manifest_json   TEXT    NOT NULL,
    first_seen_utc  TEXT    NOT NULL,
    UNIQUE (name, version, sha256)
);

-- One row per inspected part (per request id): the line's verdict, never overwritten.
CREATE TABLE inspections (
    id                       INTEGER PRIMARY KEY,
    request_id               TEXT    NOT NULL UNIQUE,
    part_serial              TEXT    NOT NULL,
    part_number              TEXT    NOT NULL,
    part_program_version_id  INTEGER NOT NULL REFERENCES part_program_versions(id),
    machine                  TEXT    NOT NULL DEFAULT '',
    die                      TEXT    NOT NULL DEFAULT '',
    cavity                   TEXT    NOT NULL DEFAULT '',
    shot_number              INTEGER NOT NULL DEFAULT 0,
    line                     TEXT    NOT NULL DEFAULT '',
    captured_utc             TEXT    NOT NULL,
    received_utc             TEXT    NOT NULL,
    verdict                  TEXT    NOT NULL CHECK (verdict IN ('OK', 'REVIEW', 'NOK')),
    reasons_json             TEXT    NOT NULL,
    total_ms                 REAL    NOT NULL,
    -- Latest disposition, denormalised for the review queue; the audit trail is the dispositions table.
    disposition              TEXT    NULL,
    result_json              TEXT    NOT NULL
);
CREATE INDEX ix_inspections_captured ON inspections (captured_utc DESC);
CREATE INDEX ix_inspections_queue ON inspections (verdict, disposition, captured_utc DESC);
CREATE INDEX ix_inspections_part ON inspections (part_number, captured_utc DESC);
CREATE INDEX ix_inspections_serial ON inspections (part_serial);
CREATE INDEX ix_inspections_trace ON inspections (machine, die, cavity, captured_utc DESC);

-- Archived images: content-addressed files under the archive folder (sha256), shared between inspections.
CREATE TABLE images (
    sha256          TEXT    PRIMARY KEY,
    relative_path   TEXT    NOT NULL,
    byte_length     INTEGER NOT NULL,
    encoding        TEXT    NOT NULL,
    width_px        INTEGER NOT NULL,
    height_px       INTEGER NOT NULL,
    bit_depth       INTEGER NOT NULL,
    stored_utc      TEXT    NOT NULL
);

CREATE TABLE inspection_views (
    id                 INTEGER PRIMARY KEY,
    inspection_id      INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    view_id            TEXT    NOT NULL,
    modality           TEXT    NOT NULL,
    image_sha256       TEXT    NOT NULL REFERENCES images(sha256),
    verdict            TEXT    NOT NULL,
    reasons_json       TEXT    NOT NULL,
    model_version_id   INTEGER NULL REFERENCES model_versions(id),
    registration_score REAL    NOT NULL,
    transform_json     TEXT    NOT NULL,
    quality_json       TEXT    NOT NULL,
    timings_json       TEXT    NOT NULL,
    UNIQUE (inspection_id, view_id)
);
CREATE INDEX ix_views_view ON inspection_views (view_id);

CREATE TABLE zone_results (
    id                 INTEGER PRIMARY KEY,
    inspection_view_id INTEGER NOT NULL REFERENCES inspection_views(id) ON DELETE CASCADE,
    zone_id            TEXT    NOT NULL,
    zone_name          TEXT    NOT NULL,
    verdict            TEXT    NOT NULL,
    findings_json      TEXT    NOT NULL
);
CREATE INDEX ix_zone_results_view ON zone_results (inspection_view_id);

CREATE TABLE defects (
    id                     INTEGER PRIMARY KEY,
    inspection_view_id     INTEGER NOT NULL REFERENCES inspection_views(id) ON DELETE CASCADE,
    defect_index           INTEGER NOT NULL,
    class                  TEXT    NOT NULL CHECK (class IN ('porosity', 'cold_shut')),
    bbox_x                 INTEGER NOT NULL,
    bbox_y                 INTEGER NOT NULL,
    bbox_w                 INTEGER NOT NULL,
    bbox_h                 INTEGER NOT NULL,
    centroid_x_px          REAL    NOT NULL,
    centroid_y_px          REAL    NOT NULL,
    centroid_x_mm          REAL    NOT NULL,
    centroid_y_mm          REAL    NOT NULL,
    area_px                REAL    NOT NULL,
    area_mm2               REAL    NOT NULL,
    equivalent_diameter_mm REAL    NOT NULL,
    length_mm              REAL    NOT NULL,
    mean_confidence        REAL    NOT NULL,
    max_confidence         REAL    NOT NULL,
    zones_json             TEXT    NOT NULL,
    ignored                INTEGER NOT NULL,
    outline_px_json        TEXT    NOT NULL
);
CREATE INDEX ix_defects_view ON defects (inspection_view_id);

-- Viewer users; passwords as salted PBKDF2 hashes.
CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    role            TEXT    NOT NULL CHECK (role IN ('reviewer', 'viewer')),
    password_hash   TEXT    NOT NULL,
    created_utc     TEXT    NOT NULL,
    disabled        INTEGER NOT NULL DEFAULT 0
);

-- Audit trail: append-only. A new disposition supersedes the previous one; rows are never updated or deleted.
CREATE TABLE dispositions (
    id                  INTEGER PRIMARY KEY,
    inspection_id       INTEGER NOT NULL REFERENCES inspections(id),
    decision            TEXT    NOT NULL CHECK (decision IN ('NOK_SCRAP', 'NOK_REWORK', 'RELEASED_OK')),
    previous_state      TEXT    NOT NULL,
    comment             TEXT    NOT NULL,
    user_name           TEXT    NOT NULL,
    decided_utc         TEXT    NOT NULL,
    supersedes_id       INTEGER NULL REFERENCES dispositions(id)
);
CREATE INDEX ix_dispositions_inspection ON dispositions (inspection_id, decided_utc);
CREATE TRIGGER dispositions_no_update BEFORE UPDATE ON dispositions
BEGIN SELECT RAISE(ABORT, 'dispositions are an audit trail: supersede, never edit'); END;
CREATE TRIGGER dispositions_no_delete BEFORE DELETE ON dispositions
BEGIN SELECT RAISE(ABORT, 'dispositions are an audit trail: supersede, never delete'); END;

-- Batch reprocessing: a run re-judges selected inspections; results link to the originals and never replace them.
CREATE TABLE reprocess_runs (
    id                       TEXT    PRIMARY KEY,
    created_utc              TEXT    NOT NULL,
    selection_json           TEXT    NOT NULL,
    model_manifest_json      TEXT    NULL,
    part_program_version_id  INTEGER NULL REFERENCES part_program_versions(id),
    status                   TEXT    NOT NULL,
    total                    INTEGER NOT NULL,
    finished_utc             TEXT    NULL
);

CREATE TABLE reprocess_results (
    id               INTEGER PRIMARY KEY,
    run_id           TEXT    NOT NULL REFERENCES reprocess_runs(id),
    inspection_id    INTEGER NOT NULL REFERENCES inspections(id),
    old_verdict      TEXT    NOT NULL,
    new_verdict      TEXT    NOT NULL,
    old_reasons_json TEXT    NOT NULL,
    new_reasons_json TEXT    NOT NULL,
    result_json      TEXT    NOT NULL,
    processed_utc    TEXT    NOT NULL,
    UNIQUE (run_id, inspection_id)
);
CREATE INDEX ix_reprocess_results_inspection ON reprocess_results (inspection_id);
