-- The second look's probability that a defect is its class (a small classifier that looks again at each component the
-- segmentation model finds), so the viewer can show it beside the defect. NULL on rows written before this column
-- existed and where no second look scored the defect.
ALTER TABLE defects ADD COLUMN second_look_score REAL;
