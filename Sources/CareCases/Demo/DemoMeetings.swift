import CareCore
import Foundation

/// The demo co-op's members' meetings: a general meeting held a fortnight ago, with who came (one by proxy,
/// one with apologies) and its minutes, the decision it took linked; and the annual general meeting called
/// today for five weeks' time, with the open vote on the hourly rate on its agenda.
extension Cases {
  /// Returns the meeting held.
  @discardableResult
  public func seedDemoMeetings(_ demo: DemoCoop) async throws -> Meeting {
    let admin = try await requester(for: demo.admin)
    let read = try AccessPolicy.permit(admin, .viewProposals(coop: admin.coopID))
    let proposals = try await store.proposals(permit: read)
    let settled = proposals.first { !$0.changes.isEmpty && $0.result != nil }
    let held = today.adding(days: -14)
    let past = try NewMeeting(
      kind: MeetingKind.general.rawValue, title: "Spring general meeting", day: held.iso, start: "18:30", length: 90,
      place: "Hebden Bridge Town Hall, St George's Street, HX7 7BY",
      items: ["Welcome, and apologies", "How the first year of circles went"],
      proposals: [settled].compactMap { $0?.id.description }
    ).validated(
      today: held.adding(days: -30), proposals: settled.map { [$0.id: $0.title] } ?? [:])
    let members = try await store.votingMembers(coop: admin.coopID, on: today)
    let run = try AccessPolicy.permit(admin, .runMeetings(coop: admin.coopID))
    let meeting = try await store.callMeeting(
      past, startsAt: CoopCalendar.london.instant(on: held, atMinute: past.startMinute),
      quorum: try await coopSettings(admin.coopID).meetingQuorum(members: members.count, on: held),
      messages: { _ in [] }, mailJob: Self.mailJob, permit: run, env: effects,
      calledAt: CoopCalendar.london.instant(on: held.adding(days: -20), atMinute: 10 * 60))
    let came = [demo.family, demo.teamWorker, demo.rotaKeeper, demo.sameCircleWorker, demo.admin].filter {
      members.contains($0.id)
    }
    for account in came {
      try await recordAttendance(
        meeting.id, NewAttendance(member: account.id.description, way: "present", proxy: nil), by: admin)
    }
    if members.contains(demo.otherCircleWorker.id), let holder = came.first {
      try await recordAttendance(
        meeting.id,
        NewAttendance(member: demo.otherCircleWorker.id.description, way: "proxy", proxy: holder.id.description),
        by: admin)
    }
    if members.contains(demo.personAccount.id) {
      try await recordAttendance(
        meeting.id, NewAttendance(member: demo.personAccount.id.description, way: "apologies", proxy: nil), by: admin)
    }
    var notes: [Int: String] = [
      MeetingMinutes.opening: "Rosa Okafor chaired. Tea and cake from the Bridge Bakery.",
      2: "Both circles said they know who is coming each week now. The Todmorden circle is near its size guide.",
    ]
    if settled != nil {
      notes[3] = "Members talked it through: a quarter of an hour later is better than a stranger. Decided by consent."
    }
    try await writeMinutes(meeting.id, NewMinutes(notes: notes, basedOn: 0), by: admin)
    let open = proposals.first { $0.status(at: effects.now()) == .open && $0.kind == .majority }
    try await callMeeting(
      NewMeeting(
        kind: MeetingKind.annual.rawValue, title: "Annual general meeting \(today.year)",
        day: today.adding(days: 35).iso, start: "18:30", length: 120,
        place: "Hebden Bridge Town Hall, St George's Street, HX7 7BY", items: MeetingKind.annual.usualAgenda,
        proposals: [open].compactMap { $0?.id.description }),
      by: admin)
    return meeting
  }
}
