package main

// The story is checked by go test: if the narration changes, this example
// fails and shows the difference.
// Reference: pkg/controller/cronjob/utils.go mostRecentScheduleTime (the
// earliest time is the last schedule time, or now-startingDeadlineSeconds
// when later; only the most recent missed time is started);
// cronjob_controllerv2.go (jobs named <cronjob>-<minutes since the epoch>,
// started 100ms after their time; "Created job", SawCompletedJob);
// printers.go printCronJob.
func Example() {
	main()
	// Output:
	// First, without startingDeadlineSeconds:
	//
	// 00:02:00.1 head-office cronjob-controller SuccessfulCreate cronjob/report Created job report-28928162
	// 00:02:00.1 head-office Head office's shift roster says it is time for the report shift: it signs contract report-28928162 with the temp agency.
	// 00:02:21 head-office cronjob-controller SawCompletedJob cronjob/report Saw completed job: report-28928162, condition: Complete
	// 00:02:21 head-office Head office's shift roster notes that contract report-28928162 of the report shift finished.
	// 00:03:00 -- the roster is put away: kubectl patch cronjob report -p '{"spec":{"suspend":true}}'
	// 00:11:30 -- and brought back: suspend false. 00:04, 00:06, 00:08 and 00:10 went by.
	// 00:11:30 head-office cronjob-controller SuccessfulCreate cronjob/report Created job report-28928170
	// 00:11:30 head-office Head office's shift roster says it is time for the report shift: it signs contract report-28928170 with the temp agency.
	// 00:11:50 head-office cronjob-controller SawCompletedJob cronjob/report Saw completed job: report-28928170, condition: Complete
	// 00:11:50 head-office Head office's shift roster notes that contract report-28928170 of the report shift finished.
	// 00:12:00.1 head-office cronjob-controller SuccessfulCreate cronjob/report Created job report-28928172
	// 00:12:00.1 head-office Head office's shift roster says it is time for the report shift: it signs contract report-28928172 with the temp agency.
	// 00:12:21 head-office cronjob-controller SawCompletedJob cronjob/report Saw completed job: report-28928172, condition: Complete
	// 00:12:21 head-office Head office's shift roster notes that contract report-28928172 of the report shift finished.
	// Only 00:10, the most recent missed time, ran, 90 seconds late; 00:04 to 00:08 never will.
	//
	// NAME     SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
	// report   */2 * * * *   <none>     False     0        60s             13m
	//
	// NAME              STATUS     COMPLETIONS   DURATION   AGE
	// report-28928162   Complete   1/1           20s        10m
	// report-28928170   Complete   1/1           20s        90s
	// report-28928172   Complete   1/1           20s        59s
	//
	// Then, with startingDeadlineSeconds: 60:
	//
	// 00:02:00.1 head-office cronjob-controller SuccessfulCreate cronjob/report Created job report-28928162
	// 00:02:00.1 head-office Head office's shift roster says it is time for the report shift: it signs contract report-28928162 with the temp agency.
	// 00:02:21 head-office cronjob-controller SawCompletedJob cronjob/report Saw completed job: report-28928162, condition: Complete
	// 00:02:21 head-office Head office's shift roster notes that contract report-28928162 of the report shift finished.
	// 00:03:00 -- the roster is put away: kubectl patch cronjob report -p '{"spec":{"suspend":true}}'
	// 00:11:30 -- and brought back: suspend false. 00:04, 00:06, 00:08 and 00:10 went by.
	// 00:12:00.1 head-office cronjob-controller SuccessfulCreate cronjob/report Created job report-28928172
	// 00:12:00.1 head-office Head office's shift roster says it is time for the report shift: it signs contract report-28928172 with the temp agency.
	// 00:12:21 head-office cronjob-controller SawCompletedJob cronjob/report Saw completed job: report-28928172, condition: Complete
	// 00:12:21 head-office Head office's shift roster notes that contract report-28928172 of the report shift finished.
	// 00:10 is 90 seconds old, beyond the 60-second deadline: the controller looks back
	// only 60 seconds, finds no missed time, and waits for 00:12.
	//
	// NAME     SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
	// report   */2 * * * *   <none>     False     0        60s             13m
	//
	// NAME              STATUS     COMPLETIONS   DURATION   AGE
	// report-28928162   Complete   1/1           20s        10m
	// report-28928172   Complete   1/1           20s        59s
	//
	// The controller counts missed times from the last scheduled one (or its
	// creation), fits the interval between two times into the gap, and starts at
	// most one Job: the most recent missed time, unless it is older than
	// startingDeadlineSeconds. Over a hundred missed times, it warns TooManyMissedTimes.
	//
	// What to try next: set `concurrencyPolicy: Forbid` and make the report sleep
	// 150s — a time that comes while the last shift still works is skipped
	// (JobAlreadyActive), and started late when the shift ends.
}
