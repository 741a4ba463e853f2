import Foundation

/// A medicine on a person's list (the tag of its ids; what it is lives in its versions).
public enum Medicine {}

/// How a medicine is taken.
public enum MedicineRoute: String, Sendable, Codable, CaseIterable, Hashable {
  case mouth, underTongue, skin, eye, ear, nose, inhaled, injection, patch, other

  public var label: String {
    switch self {
    case .mouth: "by mouth"
    case .underTongue: "under the tongue"
    case .skin: "on the skin (cream)"
    case .eye: "eye drops"
    case .ear: "ear drops"
    case .nose: "in the nose"
    case .inhaled: "breathed in (inhaler)"
    case .injection: "injection"
    case .patch: "patch"
    case .other: "another way"
    }
  }
}

/// Who gives a medicine: the person themselves (a worker reminds them and writes down what happened), a
/// worker, or family (then it is not due at visits).
public enum MedicineGiver: String, Sendable, Codable, CaseIterable, Hashable {
  case person, worker, family

  public var label: String {
    switch self {
    case .person: "They take it themselves; a worker reminds them"
    case .worker: "A worker gives it"
    case .family: "Family give it, not at visits"
    }
  }
}

/// What a medicine is, as the person's team keeps it: one version of it.
public struct MedicineDetails: Sendable, Hashable, Codable {
  public var name: String
  /// How much, in the pharmacy's words ("500 mg, 2 tablets").
  public var dose: String
  public var route: MedicineRoute
  /// Minutes after midnight it is due, each day (empty only when it is taken as needed).
  public var times: [Int]
  /// Taken only when needed (for pain, say), as well as or instead of at set times.
  public var asNeeded: Bool
  /// What it is for, in plain words.
  public var purpose: String
  public var givenBy: MedicineGiver
  /// Anything to know when giving it ("with food"); may be empty.
  public var instructions: String

  public init(
    name: String, dose: String, route: MedicineRoute, times: [Int], asNeeded: Bool, purpose: String,
    givenBy: MedicineGiver, instructions: String = ""
  ) {
    self.name = name
    self.dose = dose
    self.route = route
    self.times = times
    self.asNeeded = asNeeded
    self.purpose = purpose
    self.givenBy = givenBy
    self.instructions = instructions
  }

  public static let longestName = 100
  public static let longestDose = 100
  public static let longestPurpose = 200
  public static let longestInstructions = 500
  public static let mostTimes = 6

  /// Trimmed, with every problem at once: names and words within their lengths, times of day each once
  /// (at most six a day), at least one time unless it is taken as needed.
  public func validated() throws(CareError) -> MedicineDetails {
    var v = Validator()
    var out = self
    out.name = v.text(name, field: "name", label: "the medicine's name", max: Self.longestName)
    out.dose = v.text(dose, field: "dose", label: "the dose", max: Self.longestDose)
    out.purpose = v.text(purpose, field: "purpose", label: "what it is for", max: Self.longestPurpose)
    out.instructions = v.text(
      instructions, field: "instructions", label: "the instructions", required: false,
      max: Self.longestInstructions, multiline: true)
    if times.contains(where: { !(0..<(24 * 60)).contains($0) }) {
      v.add("times", "Give each time as a time of day, from 00:00 to 23:59")
    } else if Set(times).count != times.count {
      v.add("times", "Give each time once")
    } else if times.count > Self.mostTimes {
      v.add("times", "Give at most \(Self.mostTimes) times a day")
    } else if times.isEmpty && !asNeeded {
      v.add("times", "Give the times it is due, or say it is taken as needed")
    }
    try v.check()
    out.times = times.sorted()
    return out
  }

  /// How far either side of a visit a dose time still belongs to it.
  public static let dueSlack = 60

  /// The dose times that fall to a visit (from an hour before it starts to an hour after it ends). Nothing
  /// is due at visits for a medicine family give.
  public func dueTimes(at visit: RotaVisit) -> [Int] {
    guard givenBy != .family else { return [] }
    return times.filter { $0 >= visit.start - Self.dueSlack && $0 <= visit.end + Self.dueSlack }
  }

  /// "500 mg, 2 tablets, by mouth, at 08:00 and 20:00".
  public var summary: String {
    var when = times.map(CoopCalendar.clockText)
    if asNeeded { when.append("when needed") }
    let at = when.isEmpty ? "" : ", " + (times.isEmpty ? "" : "at ") + Self.list(when)
    return "\(dose), \(route.label)\(at)"
  }

  static func list(_ items: [String]) -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " and " + items.last!
  }
}

/// A change to a person's medicines as someone proposes it: a new medicine (`medicine` nil), a change to
/// one, or a stop.
public struct MedicineChange: Sendable {
  public var medicine: CareCore.ID<Medicine>?
  public var details: MedicineDetails
  public var stops: Bool
  public var reason: String

  public init(medicine: CareCore.ID<Medicine>?, details: MedicineDetails, stops: Bool = false, reason: String = "") {
    self.medicine = medicine
    self.details = details
    self.stops = stops
    self.reason = reason
  }
}

/// One version of a medicine on the list: proposed by someone in the team, counting once the person or
/// their arranger agrees (their own changes count at once). A change or a stop is a new version; the old
/// ones stay, so the chart can show what was agreed on any day.
public struct MedicineVersion: Sendable, Hashable {
  public enum Status: String, Sendable, Codable, Hashable {
    case proposed, agreed, declined
  }

  public let id: CareCore.ID<MedicineVersion>
  public let medicineID: CareCore.ID<Medicine>
  public let personID: CareCore.ID<Person>
  /// 1, 2, 3… for this medicine.
  public let version: Int
  public let details: MedicineDetails
  /// This version takes the medicine off the list.
  public let stops: Bool
  /// Why the change (empty for a first version).
  public let reason: String
  public let proposedBy: CareCore.ID<Account>
  public let proposedAt: Date
  public let answeredBy: CareCore.ID<Account>?
  public let answeredAt: Date?
  public let status: Status

  public init(
    id: CareCore.ID<MedicineVersion>, medicineID: CareCore.ID<Medicine>, personID: CareCore.ID<Person>,
    version: Int, details: MedicineDetails, stops: Bool, reason: String, proposedBy: CareCore.ID<Account>,
    proposedAt: Date, answeredBy: CareCore.ID<Account>?, answeredAt: Date?, status: Status
  ) {
    self.id = id
    self.medicineID = medicineID
    self.personID = personID
    self.version = version
    self.details = details
    self.stops = stops
    self.reason = reason
    self.proposedBy = proposedBy
    self.proposedAt = proposedAt
    self.answeredBy = answeredBy
    self.answeredAt = answeredAt
    self.status = status
  }
}

/// A person's medicines: every version of every one, read as the list in use, the changes waiting for
/// the person's answer, and what was in use on a given day.
public struct MedicineList: Sendable {
  public let versions: [MedicineVersion]

  public init(_ versions: [MedicineVersion]) {
    self.versions = versions.sorted { ($0.proposedAt, $0.version) < ($1.proposedAt, $1.version) }
  }

  /// The agreed version in use of each medicine (not stopped), by name.
  public var current: [MedicineVersion] { inUse(until: nil) }

  /// The same, as agreed by the end of `day` (for the chart of past days).
  public func current(on day: Day, calendar: CoopCalendar = .london) -> [MedicineVersion] {
    inUse(until: calendar.instant(on: day.adding(days: 1), atMinute: 0))
  }

  private func inUse(until: Date?) -> [MedicineVersion] {
    var latest: [CareCore.ID<Medicine>: MedicineVersion] = [:]
    for v in versions where v.status == .agreed {
      if let until, let at = v.answeredAt, at >= until { continue }
      if let old = latest[v.medicineID], old.version > v.version { continue }
      latest[v.medicineID] = v
    }
    return latest.values.filter { !$0.stops }
      .sorted {
        ($0.details.name.lowercased(), $0.medicineID.description) < (
          $1.details.name.lowercased(), $1.medicineID.description
        )
      }
  }

  /// Changes waiting for the person's (or their arranger's) answer, oldest first.
  public var waiting: [MedicineVersion] { versions.filter { $0.status == .proposed } }

  /// Every version of one medicine, oldest first.
  public func history(of medicine: CareCore.ID<Medicine>) -> [MedicineVersion] {
    versions.filter { $0.medicineID == medicine }.sorted { $0.version < $1.version }
  }

  /// The newest version of a medicine whatever its state (what a change proposes against).
  public func newest(_ medicine: CareCore.ID<Medicine>) -> MedicineVersion? {
    history(of: medicine).last
  }
}

/// What happened to a dose at a visit.
public enum MedicineOutcome: String, Sendable, Codable, CaseIterable, Hashable {
  case given, refused, notNeeded, missed

  public var label: String {
    switch self {
    case .given: "Given"
    case .refused: "Refused"
    case .notNeeded: "Not needed"
    case .missed: "Missed"
    }
  }

  /// The letter on the printed chart.
  public var code: String {
    switch self {
    case .given: "G"
    case .refused: "R"
    case .notNeeded: "N"
    case .missed: "M"
    }
  }

  /// Shown to the person's team the same day.
  public var tellsTheTeam: Bool { self == .refused || self == .missed }
}

/// A dose written on a visit's record: which medicine (and the version in use then), which dose time (nil
/// for one taken as needed), and what happened.
public struct MedicineDose: Sendable, Hashable, Codable {
  public let medicineID: CareCore.ID<Medicine>
  public let versionID: CareCore.ID<MedicineVersion>
  public let doseAt: Int?
  public let outcome: MedicineOutcome

  public init(
    medicineID: CareCore.ID<Medicine>, versionID: CareCore.ID<MedicineVersion>, doseAt: Int?,
    outcome: MedicineOutcome
  ) {
    self.medicineID = medicineID
    self.versionID = versionID
    self.doseAt = doseAt
    self.outcome = outcome
  }
}
