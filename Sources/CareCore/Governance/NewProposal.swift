import Foundation

/// A new proposal as typed, checked all at once against today.
public struct NewProposal: Sendable, Hashable {
  public var title: String?
  public var text: String?
  public var kind: String?
  public var share: String?
  public var quorum: Int?
  /// The last day of the poll (it closes at the end of that day, London time).
  public var closesOn: String?
  /// For an election: how many are elected, and the members standing (account ids, in ballot order).
  public var seats: Int?
  public var candidates: [String]
  /// For an election that fills a hat: the hat (one of the co-op's own hats) and the last day of the term.
  public var hatID: String?
  public var termEnd: String?
  /// The settings it changes if it passes (`Setting` raw value → the new value as typed; empty: unchanged),
  /// and the day they take effect.
  public var changes: [String: String] = [:]
  public var takesEffect: String?
  /// For a time poll: the times offered (empty rows left out), and how long the meeting is (default an hour).
  public var times: [TypedTime] = []
  public var meetingMinutes: Int?
  /// Put to one circle (its id), or to the whole co-op (nil).
  public var circle: String?
  /// Put to one person's team (the person's id).
  public var team: String?
  /// A hat's new definition if it passes (the hat's id, its purpose, its accountabilities), from `takesEffect`.
  public var redefines: String?
  public var hatPurpose: String?
  public var hatAccountabilities: [String] = []

  public init(
    title: String?, text: String?, kind: String?, share: String?, quorum: Int?, closesOn: String?, seats: Int? = nil,
    candidates: [String] = []
  ) {
    (self.title, self.text, self.kind, self.share, self.quorum, self.closesOn) = (
      title, text, kind, share, quorum, closesOn
    )
    (self.seats, self.candidates) = (seats, candidates)
  }

  /// For an election that fills a hat.
  public func forHat(_ hatID: String?, until termEnd: String?) -> Self {
    var copy = self
    (copy.hatID, copy.termEnd) = (hatID, termEnd)
    return copy
  }

  /// For a proposal that changes settings.
  public func changing(_ changes: [String: String], from takesEffect: String?) -> Self {
    var copy = self
    (copy.changes, copy.takesEffect) = (changes, takesEffect)
    return copy
  }

  /// Put to one circle rather than the whole co-op.
  public func forCircle(_ circle: String?) -> Self {
    var copy = self
    copy.circle = circle
    return copy
  }

  /// Put to one person's team rather than the co-op.
  public func forTeam(_ team: String?) -> Self {
    var copy = self
    copy.team = team
    return copy
  }

  /// For a proposal that gives a hat a new definition (from `takesEffect`).
  public func redefining(_ hat: String?, purpose: String?, accountabilities: [String]) -> Self {
    var copy = self
    (copy.redefines, copy.hatPurpose, copy.hatAccountabilities) = (hat, purpose, accountabilities)
    return copy
  }

  /// The person whose team it is put to, as typed (nil: none, or malformed: refused by `validated`).
  public var teamID: ID<Person>? { team.flatMap { ID<Person>(string: $0) } }

  /// The circle it is put to, as typed (nil: the whole co-op; a malformed id is refused by `validated`).
  public var circleID: ID<Circle>? { circle.flatMap { ID<Circle>(string: $0) } }

  /// For a time poll.
  public func offering(_ times: [TypedTime], minutes: Int?) -> Self {
    var copy = self
    (copy.times, copy.meetingMinutes) = (times, minutes)
    return copy
  }

  public struct Valid: Sendable, Hashable {
    public let title: String
    public let text: String
    public let kind: ProposalKind
    public let share: MajorityShare
    public let quorum: Int
    public let closesOn: Day
    /// For an election (the lot is drawn when it is kept).
    public let seats: Int
    public let candidates: [Candidate]
    public var hat: ElectedHat? = nil
    public var changes: [SettingChange] = []
    public var takesEffect: Day? = nil
    public var times: [MeetingTime] = []
    public var circleID: ID<Circle>? = nil
    public var teamPersonID: ID<Person>? = nil
    public var redefinition: HatRedefinition? = nil
  }

  /// `candidatesFrom`: the members who can vote, with their names (candidates must be among them).
  /// `hats`: the hats an election may fill or a decision redefine, by name (the co-op's own; for a circle's
  /// decision, the circle's).
  /// `circles`: the co-op's circles, by name (a proposal may be put to one).
  public func validated(
    today: Day, members: Int, candidatesFrom: [ID<Account>: String] = [:], hats: [ID<Hat>: String] = [:],
    circles: [ID<Circle>: String] = [:]
  ) throws(CareError) -> Valid {
    var v = Validator()
    // Nil is the whole co-op and no team (a form sends nil for its empty choice); anything else must name one.
    let (toCircle, toTeam) = (circle != nil, team != nil)
    if toCircle && (circleID == nil || circles[circleID!] == nil) {
      v.add("circle", "Choose one of the co-op's circles, or the whole co-op")
    }
    if toTeam && teamID == nil { v.add("team", "Choose a team you are in") }
    if toTeam && toCircle { v.add("team", "Put it to a circle or to a team, not both") }
    let title = v.text(title, field: "title", label: "the proposal's title", max: Proposal.longestTitle)
    let text = v.text(
      text, field: "text", label: "what is proposed", max: Proposal.longestText, multiline: true)
    let kind = kind.flatMap(ProposalKind.init(rawValue:))
    if kind == nil { v.add("kind", "Choose how it is decided") }
    let share = (share?.isEmpty ?? true) ? MajorityShare.simple : share.flatMap(MajorityShare.init(rawValue:))
    if share == nil { v.add("share", "Choose the share of votes it needs") }
    if let quorum, quorum < 0 || quorum > max(members, 0) {
      v.add("quorum", "The quorum must be from 0 to \(members), the members who can vote")
    }
    let closes = v.day(closesOn, field: "closesOn", label: "the poll's last day")
    if let closes, closes < today || closes > today.adding(days: Proposal.longestPoll) {
      v.add("closesOn", "The poll's last day must be from today to \(Proposal.longestPoll) days from now")
    }
    var standing: [Candidate] = []
    var elected: ElectedHat? = nil
    if kind == .election {
      let seats = self.seats ?? 0
      if !(1...Election.mostSeats).contains(seats) {
        v.add("seats", "Say how many are to be elected: from 1 to \(Election.mostSeats)")
      }
      var seen = Set<ID<Account>>()
      for text in candidates {
        guard let id = ID<Account>(string: text), let name = candidatesFrom[id] else {
          v.add("candidates", "Candidates must be members who can vote")
          break
        }
        guard seen.insert(id).inserted else {
          v.add("candidates", "A member can be named as a candidate once only")
          break
        }
        standing.append(Candidate(number: standing.count + 1, accountID: id, name: name))
      }
      if v.errors.contains(where: { $0.field == "candidates" }) {
        // Said already.
      } else if standing.count > Election.mostCandidates {
        v.add("candidates", "At most \(Election.mostCandidates) candidates can stand")
      } else if (1...Election.mostSeats).contains(seats) && standing.count <= seats {
        v.add("candidates", "Choose more candidates than seats (\(seats)), so that members have a choice")
      }
      if let text = hatID, !text.isEmpty {
        if let hat = ID<Hat>(string: text), let name = hats[hat] {
          if seats != 1 { v.add("seats", "A hat is worn by one member: an election for it has 1 seat") }
          let end = v.day(termEnd, field: "termEnd", label: "the last day of the term")
          if let end, let closes, end <= closes || end > closes.adding(days: ElectedHat.longestTerm) {
            v.add("termEnd", "The term must end after the poll closes, and within five years")
          }
          if let end { elected = ElectedHat(hatID: hat, name: name, termEnd: end) }
        } else {
          v.add(
            "hatID",
            !toCircle
              ? "Choose one of the co-op's hats, or none" : "Choose one of the circle's own hats, or none")
        }
      } else if let termEnd, !termEnd.isEmpty {
        v.add("termEnd", "Only an election for a hat has a term: choose the hat, or leave the term empty")
      }
    } else if kind != nil {
      if (hatID ?? "").isEmpty == false { v.add("hatID", "Only an election can fill a hat") }
      if seats != nil { v.add("seats", "Only an election has seats: leave it empty") }
      if !candidates.isEmpty { v.add("candidates", "Only an election has candidates: choose none") }
    }
    let redefinition = Self.validatedRedefinition(
      hatID: redefines, purpose: hatPurpose, accountabilities: hatAccountabilities, kind: kind, hats: hats,
      scope: toCircle ? "the circle's own" : "the co-op's", into: &v)
    let (changes, from) = Self.validatedChanges(
      self.changes, takesEffect: takesEffect, closes: closes, kind: kind,
      redefining: !(redefines ?? "").trimmingCharacters(in: .whitespaces).isEmpty, into: &v)
    let times = Self.validatedTimes(self.times, minutes: meetingMinutes, closes: closes, kind: kind, into: &v)
    if toTeam && kind == .election {
      v.add("kind", "A team does not hold elections: ask it by consent, a majority vote or a time poll")
    }
    if toTeam && !(redefines ?? "").isEmpty {
      v.add("redefines", "A team's question changes no hat: put that to the whole co-op or a circle")
    }
    if toTeam && !changes.isEmpty {
      v.add("changes", "A team's question changes no settings: put those to the whole co-op or a circle")
    } else if toCircle, changes.contains(where: { !Setting.circleOwn.contains($0.setting) }) {
      v.add("changes", "A circle decides its own size guide only: put other settings to the whole co-op")
    }
    try v.check()
    var valid = Valid(
      title: title, text: text, kind: kind!, share: share!, quorum: quorum ?? 0, closesOn: closes!,
      seats: kind == .election ? seats ?? 0 : 0, candidates: standing, hat: elected, changes: changes,
      takesEffect: from, times: times)
    valid.circleID = toCircle ? circleID : nil
    valid.teamPersonID = toTeam ? teamID : nil
    valid.redefinition = redefinition
    return valid
  }
}
