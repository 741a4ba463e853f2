import CareStore

// The store's value types that pages and the API show, named here so the web target reaches them through
// the use cases and imports the store only in its wiring (`.ci/layers` checks that).
public typealias TeamSummary = CareStore.TeamSummary
public typealias CircleDetail = CareStore.CircleDetail
public typealias HatWithHolders = CareStore.HatWithHolders
public typealias NewPerson = CareStore.NewPerson
public typealias InvitationResult = CareStore.InvitationResult
