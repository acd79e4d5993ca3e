package main

// The story is checked by go test: if the narration changes, this example
// fails and shows the difference.
// Reference: pkg/scheduler/framework/plugins/podtopologyspread/filtering.go
// (maxSkew over a topology key: each zone gets half, whatever its number of
// nodes); pkg/registry/core/pod/strategy.go (PodScheduled=False reason
// SchedulingGated); pkg/scheduler/framework/plugins/schedulinggates
// (no attempt while gated); pkg/apis/core/validation/validation.go
// (validateOnlyDeletedSchedulingGates).
func Example() {
	main()
	// Output:
	// Six cashiers, spread over two districts: stores 1-3 are in district a,
	// store 4 alone in district b.
	//
	// 00:00:00 head-office default-scheduler Scheduled pod/cashier-66984db9d7-6b4bz Successfully assigned default/cashier-66984db9d7-6b4bz to store-4
	// 00:00:00 head-office Head office's staffing desk assigns cashier-66984db9d7-6b4bz to store-4.
	// 00:00:00 head-office default-scheduler Scheduled pod/cashier-66984db9d7-6m8bf Successfully assigned default/cashier-66984db9d7-6m8bf to store-1
	// 00:00:00 head-office Head office's staffing desk assigns cashier-66984db9d7-6m8bf to store-1.
	// 00:00:00 head-office default-scheduler Scheduled pod/cashier-66984db9d7-tx7pw Successfully assigned default/cashier-66984db9d7-tx7pw to store-2
	// 00:00:00 head-office Head office's staffing desk assigns cashier-66984db9d7-tx7pw to store-2.
	// 00:00:00 head-office default-scheduler Scheduled pod/cashier-66984db9d7-vckvk Successfully assigned default/cashier-66984db9d7-vckvk to store-4
	// 00:00:00 head-office Head office's staffing desk assigns cashier-66984db9d7-vckvk to store-4.
	// 00:00:00 head-office default-scheduler Scheduled pod/cashier-66984db9d7-fhgrc Successfully assigned default/cashier-66984db9d7-fhgrc to store-3
	// 00:00:00 head-office Head office's staffing desk assigns cashier-66984db9d7-fhgrc to store-3.
	// 00:00:00 head-office default-scheduler Scheduled pod/cashier-66984db9d7-7fdgm Successfully assigned default/cashier-66984db9d7-7fdgm to store-4
	// 00:00:00 head-office Head office's staffing desk assigns cashier-66984db9d7-7fdgm to store-4.
	//
	// District b's one store took three cashiers, district a's three stores the
	// other three. The auditor waits for two sign-offs, not for room:
	//
	// NAME                       READY   STATUS            RESTARTS   AGE   IP           NODE      NOMINATED NODE   READINESS GATES
	// auditor                    0/1     SchedulingGated   0          30s   <none>       <none>    <none>           <none>
	// cashier-66984db9d7-6b4bz   1/1     Running           0          30s   10.244.4.2   store-4   <none>           <none>
	// cashier-66984db9d7-6m8bf   1/1     Running           0          30s   10.244.1.2   store-1   <none>           <none>
	// cashier-66984db9d7-7fdgm   1/1     Running           0          30s   10.244.4.4   store-4   <none>           <none>
	// cashier-66984db9d7-fhgrc   1/1     Running           0          30s   10.244.3.2   store-3   <none>           <none>
	// cashier-66984db9d7-tx7pw   1/1     Running           0          30s   10.244.2.2   store-2   <none>           <none>
	// cashier-66984db9d7-vckvk   1/1     Running           0          30s   10.244.4.3   store-4   <none>           <none>
	//
	// auditor: PodScheduled=False reason SchedulingGated: "Scheduling is blocked due to non-empty scheduling gates"
	//
	// A sign-off can only be removed; an update that adds one is refused:
	// Pod "auditor" is invalid: spec.schedulingGates[2].name: Forbidden: only deletion is allowed, but found new scheduling gate 'example.com/late'
	//
	// The background check comes back; one sign-off is left, and the auditor
	// still waits. Then the budget is approved and the last gate removed:
	//
	// 00:00:40 head-office default-scheduler Scheduled pod/auditor Successfully assigned default/auditor to store-3
	// 00:00:40 head-office Head office's staffing desk assigns auditor to store-3.
	//
	// What to try next: set maxSkew to 3 and watch district a take more; or
	// change whenUnsatisfiable to ScheduleAnyway and add a seventh cashier.
}
