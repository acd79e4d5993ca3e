package main

// The story is checked by go test: if the narration changes, this example
// fails and shows the difference.
// Reference: pkg/controller/job/job_controller.go (DefaultJobPodFailureBackOff
// 10s, doubling per failure from the failed container's finishedAt;
// BackoffLimitExceeded "Job has reached the specified backoff limit";
// FailureTarget before Failed); printers.go printJob (a failed Job has no
// completionTime, so DURATION keeps counting).
func Example() {
	main()
	// Output:
	// Head office signs a contract with its temp agency: back up the database,
	// once, retrying at most three times. The database is down.
	//
	// 00:00:00 head-office job-controller SuccessfulCreate job/backup Created pod: backup-khwgm
	// 00:00:00 head-office Head office's temp agency sends temp worker backup-khwgm for contract backup.
	// 00:00:03 store-1 # kubelet PhaseChanged pod/backup-khwgm Pod phase Running -> Failed
	// 00:00:03 store-1 backup-khwgm's shift ended in failure.
	// 00:00:12.244 head-office job-controller SuccessfulCreate job/backup Created pod: backup-6fjbq
	// 00:00:12.244 head-office Head office's temp agency sends temp worker backup-6fjbq for contract backup.
	// 00:00:15 store-1 # kubelet PhaseChanged pod/backup-6fjbq Pod phase Running -> Failed
	// 00:00:15 store-1 backup-6fjbq's shift ended in failure.
	//
	// Thirty seconds in, the second worker has failed and the agency is waiting 20s:
	//
	// NAME     STATUS    COMPLETIONS   DURATION   AGE
	// backup   Running   0/1           30s        30s
	//
	// 00:00:34.244 head-office job-controller SuccessfulCreate job/backup Created pod: backup-6td86
	// 00:00:34.244 head-office Head office's temp agency sends temp worker backup-6td86 for contract backup.
	// 00:00:37 store-1 # kubelet PhaseChanged pod/backup-6td86 Pod phase Running -> Failed
	// 00:00:37 store-1 backup-6td86's shift ended in failure.
	// 00:01:16.244 head-office job-controller SuccessfulCreate job/backup Created pod: backup-fjnm8
	// 00:01:16.244 head-office Head office's temp agency sends temp worker backup-fjnm8 for contract backup.
	// 00:01:19 store-1 # kubelet PhaseChanged pod/backup-fjnm8 Pod phase Running -> Failed
	// 00:01:19 store-1 backup-fjnm8's shift ended in failure.
	// 00:01:19 head-office job-controller BackoffLimitExceeded job/backup Job has reached the specified backoff limit
	// 00:01:19 head-office Head office's temp agency gives up on contract backup: 4 temp workers failed, more than the contract allows.
	//
	// The agency has given up. Every worker it sent is still on the books, Error:
	//
	// NAME           READY   STATUS   RESTARTS   AGE
	// backup-6fjbq   0/1     Error    0          2m17s
	// backup-6td86   0/1     Error    0          115s
	// backup-fjnm8   0/1     Error    0          73s
	// backup-khwgm   0/1     Error    0          2m30s
	//
	// NAME     STATUS   COMPLETIONS   DURATION   AGE
	// backup   Failed   0/1           2m30s      2m30s
	//
	// status.conditions:
	//   FailureTarget=True  reason BackoffLimitExceeded: "Job has reached the specified backoff limit"
	//   Failed=True  reason BackoffLimitExceeded: "Job has reached the specified backoff limit"
	//
	// backoffLimit 3 means three retries: four workers failed before the agency
	// gave up. The waits between them were the Job controller's own back-off,
	// not the store manager's CrashLoopBackOff: with restartPolicy Never nobody
	// restarts a container; the agency sends a new worker instead.
	//
	// What to try next: change restartPolicy to OnFailure — the store manager
	// restarts the same worker in place (RESTARTS climbs, one pod only), and the
	// agency gives up once the restarts reach backoffLimit.
}
