import Foundation

/// A meeting as called on the form or through the API, checked: its day gives every member the notice the
/// rules require, its agenda has at least one item, and the proposals it names are the co-op's.
public struct NewMeeting: Sendable, Hashable {
  public var kind: String?
  public var title: String?
  public var day: String?
  public var start: String?
  public var length: Int?
  public var place: String?
  /// The items typed, in order (blank lines are dropped).
  public var items: [String]
  /// Proposals to decide at the meeting (ids), after the typed items.
  public var proposals: [String]

  public init(
    kind: String?, title: String?, day: String?, start: String?, length: Int?, place: String?, items: [String],
    proposals: [String]
  ) {
    (self.kind, self.title, self.day, self.start, self.length, self.place) = (kind, title, day, start, length, place)
    (self.items, self.proposals) = (items, proposals)
  }

  public struct Valid: Sendable, Hashable {
    public let kind: MeetingKind
    public let title: String
    public let day: Day
    public let startMinute: Int
    public let lengthMinutes: Int
    public let place: String
    public let agenda: [AgendaItem]
  }

  /// Checked on `today`; `proposals` are the co-op's proposals a meeting may take (id → title).
  public func validated(today: Day, proposals known: [ID<Proposal>: String]) throws(CareError) -> Valid {
    var v = Validator()
    let kind = kind.flatMap(MeetingKind.init(rawValue:))
    if kind == nil { v.add("kind", "Choose the kind of meeting") }
    let title = v.text(title, field: "title", label: "the meeting's name", max: Meeting.longestTitle)
    let day = v.day(day, field: "day", label: "the meeting's day")
    let first = Meeting.firstDay(calledOn: today)
    if let day, day < first {
      v.add(
        "day",
        "Members must have \(Meeting.noticeDays) clear days' notice: choose \(first.longText) or later")
    } else if let day, day > today.adding(days: Meeting.furthestAheadDays) {
      v.add("day", "The meeting's day must be within a year")
    }
    let start = CoopCalendar.minute(ofClock: start ?? "")
    if start == nil { v.add("start", "Enter the time it starts, like 18:30") }
    let length = length ?? 0
    if !Meeting.lengths.contains(length) {
      v.add(
        "length",
        "How long it lasts must be from \(Meeting.lengths.lowerBound) to \(Meeting.lengths.upperBound) minutes")
    }
    let place = v.text(
      place, field: "place", label: "where it is (an address, or how to join by phone or video)",
      max: Meeting.longestPlace)
    var agenda: [AgendaItem] = []
    for (i, raw) in items.enumerated() {
      guard !raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
      let text = v.text(raw, field: "items", label: "agenda item \(i + 1)", max: Meeting.longestItem)
      agenda.append(AgendaItem(number: agenda.count + 1, title: text, proposalID: nil))
    }
    var seen: Set<ID<Proposal>> = []
    for raw in proposals {
      guard let id = ID<Proposal>(string: raw), let title = known[id] else {
        v.add("proposals", "Choose proposals the co-op has")
        continue
      }
      if seen.insert(id).inserted {
        agenda.append(AgendaItem(number: agenda.count + 1, title: "To decide: \(title)", proposalID: id))
      }
    }
    if agenda.isEmpty {
      v.add("items", "Give the agenda at least one item")
    } else if agenda.count > Meeting.mostItems {
      v.add("items", "The agenda must have \(Meeting.mostItems) items or fewer")
    }
    try v.check()
    return Valid(
      kind: kind!, title: title, day: day!, startMinute: start!, lengthMinutes: length, place: place, agenda: agenda)
  }
}

/// One member's attendance, as the hat holder taking it enters it.
public struct NewAttendance: Sendable, Hashable {
  public var member: String?
  public var way: String?
  public var proxy: String?

  public init(member: String?, way: String?, proxy: String?) {
    (self.member, self.way, self.proxy) = (member, way, proxy)
  }

  public struct Valid: Sendable, Hashable {
    public let member: ID<Account>
    public let way: AttendanceWay
    public let proxy: ID<Account>?
  }

  /// Checked against the meeting as it stands and the members who may take part (voting members).
  public func validated(for meeting: Meeting, members: Set<ID<Account>>, now: Date) throws(CareError) -> Valid {
    var v = Validator()
    let member = member.flatMap { ID<Account>(string: $0) }
    if member == nil || !members.contains(member!) { v.add("member", "Choose a member of the co-op") }
    let way = way.flatMap(AttendanceWay.init(rawValue:))
    if way == nil { v.add("way", "Choose how they took part") }
    let typedProxy = (proxy ?? "").trimmingCharacters(in: .whitespaces)
    var proxyID: ID<Account>? = nil
    if way == .proxy {
      proxyID = ID<Account>(string: typedProxy)
      let came = Set(meeting.standing.filter { $0.way == .present }.map(\.memberID))
      if proxyID == nil || !members.contains(proxyID!) {
        v.add("proxy", "Choose the member who holds their proxy")
      } else if proxyID == member {
        v.add("proxy", "A member cannot hold their own proxy: choose someone else")
      } else if !came.contains(proxyID!) {
        v.add("proxy", "A proxy is held by a member who came: record them as having come first")
      }
    } else if !typedProxy.isEmpty {
      v.add("proxy", "Only a proxy names who holds it: leave it empty")
    }
    try v.check()
    guard meeting.takesAttendance(at: now) else {
      throw .conflict(FieldError("member", "The meeting has not begun: attendance is taken on the day"))
    }
    if way != .present, let member,
      meeting.standing.contains(where: { $0.way == .proxy && $0.proxyID == member })
    {
      throw .conflict(FieldError("way", "They hold another member's proxy: record that member's attendance first"))
    }
    return Valid(member: member!, way: way!, proxy: proxyID)
  }
}

/// The minutes as written on the form: a note per agenda item and the opening note, based on the version the
/// writer saw (so two writers at once do not overwrite each other).
public struct NewMinutes: Sendable, Hashable {
  public var notes: [Int: String]
  public var basedOn: Int?

  public init(notes: [Int: String], basedOn: Int?) { (self.notes, self.basedOn) = (notes, basedOn) }

  public func validated(for meeting: Meeting, now: Date) throws(CareError) -> [Int: String] {
    var v = Validator()
    var kept: [Int: String] = [:]
    let numbers = Set([MeetingMinutes.opening] + meeting.agenda.map(\.number))
    for (number, text) in notes.sorted(by: { $0.key < $1.key }) {
      guard numbers.contains(number) else {
        v.add("notes", "Write notes for the meeting's own agenda items")
        continue
      }
      let label = number == MeetingMinutes.opening ? "the opening note" : "the note on item \(number)"
      let words = v.text(
        text, field: "note-\(number)", label: label, required: false, max: Meeting.longestNote, multiline: true)
      if !words.isEmpty { kept[number] = words }
    }
    if kept.isEmpty && v.errors.isEmpty { v.add("note-0", "Write the minutes: at least one note") }
    let current = meeting.latestMinutes?.version ?? 0
    if basedOn == nil || basedOn! < 0 { v.add("basedOn", "Say which version of the minutes you started from") }
    try v.check()
    guard meeting.takesMinutes(at: now) else {
      throw .conflict(FieldError("note-0", "The meeting has not begun: write its minutes once it has"))
    }
    if let approval = meeting.approval {
      throw .conflict(
        FieldError(
          "note-0",
          "These minutes were approved as a true record at a later meeting (\(approval.atDay.longText)): they "
            + "stay as approved"))
    }
    guard basedOn == current else {
      throw .conflict(FieldError("note-0", "Someone saved the minutes while you were writing: look again"))
    }
    return kept
  }
}
