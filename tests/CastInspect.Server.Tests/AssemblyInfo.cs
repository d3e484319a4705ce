// The crash test, the reprocessing runs and the Chromium viewer test each start servers and run the models; run side by
// side on a 2-core CI machine they starve each other into timeouts, so this assembly's test classes run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
