-- Why a defect no rule judges was left out (below a zone's detection floor, below the model's noise floor, outside every
-- zone), as the judge worded it, so the viewer can show the reviewer. NULL on rows written before this column existed.
ALTER TABLE defects ADD COLUMN ignored_reason TEXT;
