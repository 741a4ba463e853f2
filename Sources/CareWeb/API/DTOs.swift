import CareCore
import CareStore
import Vapor

/// The API's own shapes: what goes over the wire is decided here, not by the domain types.
enum DTO {
  struct SignIn: Content {
    let email: String
    let password: String
  }
  struct SessionToken: Content {
    let token: String
    let account: AccountOut
  }

  struct AccountOut: Content {
    let id: String
    let name: String
    let email: String?
    let isAdministrator: Bool
    /// Email only where the policy allows it (the account itself, the member register): lists of
    /// workers, hat holders and team members carry id and name, as the pages do.
    init(_ a: Account, showEmail: Bool = false) {
      (id, name, email, isAdministrator) = (a.id.description, a.name, showEmail ? a.email : nil, a.isAdministrator)
    }
  }

  struct MemberOut: Content {
    let id: String
    let accountID: String
    let name: String
    let memberClass: String
    let joinedOn: String
    let sharePence: Int
    let leftOn: String?
    init(_ m: Member, _ a: Account) {
      (id, accountID, name, memberClass) = (m.id.description, a.id.description, a.name, m.memberClass.rawValue)
      (joinedOn, sharePence, leftOn) = (m.joinedOn.iso, m.sharePence, m.leftOn?.iso)
    }
  }

  struct MemberIn: Content {
    let name: String
    let email: String?
    let memberClass: MemberClass?
    let joinedOn: String
    let sharePence: Int?
    var domain: NewMember {
      NewMember(name: name, email: email, memberClass: memberClass, joinedOn: joinedOn, sharePence: sharePence)
    }
  }

  struct TeamMemberOut: Content {
    let membershipID: String
    let account: AccountOut
    let relationship: String
    let isArranger: Bool
    let status: String
    init(_ e: Team.Entry) {
      (membershipID, account) = (e.membership.id.description, AccountOut(e.account))
      (relationship, isArranger, status) = (
        e.membership.relationship.rawValue, e.membership.isArranger, e.membership.status.rawValue
      )
    }
  }

  struct TeamOut: Content {
    let personID: String
    let person: AccountOut
    let circleID: String
    let communicationNeeds: String?
    let members: [TeamMemberOut]
    init(_ t: Team, showInvited: Bool) {
      (personID, person, circleID) = (t.person.id.description, AccountOut(t.personAccount), t.circle.id.description)
      communicationNeeds = t.person.communicationNeeds
      members = (showInvited ? t.active + t.invited : t.active).map(TeamMemberOut.init)
    }
  }

  struct PersonIn: Content {
    let name: String
    let email: String?
    let circleID: String
    let communicationNeeds: String?
    var domain: NewPerson {
      NewPerson(name: name, email: email, circleID: circleID, communicationNeeds: communicationNeeds)
    }
  }

  struct PersonOut: Content {
    let personID: String
    let name: String
    let circleID: String
    init(_ p: Person, _ a: Account) { (personID, name, circleID) = (p.id.description, a.name, p.circleID.description) }
  }

  struct InvitationIn: Content {
    let name: String
    let email: String
    let relationship: Relationship?
    let isArranger: Bool?
    var domain: Invitation {
      Invitation(name: name, email: email, relationship: relationship, isArranger: isArranger ?? false)
    }
  }

  struct Answer: Content { let accept: Bool }

  struct CircleIn: Content {
    let name: String
    let area: String
    let maxWorkers: Int?
    let maxTeams: Int?
    var domain: NewCircle { NewCircle(name: name, area: area, maxWorkers: maxWorkers, maxTeams: maxTeams) }
  }

  struct CircleOut: Content {
    let id: String
    let name: String
    let area: String
    let maxWorkers: Int
    let maxTeams: Int
    let workers: [AccountOut]?
    let teamCount: Int?
    let sizeAdvice: String?
    init(_ c: Circle, detail: CircleDetail? = nil) {
      (id, name, area) = (c.id.description, c.name, c.area)
      (maxWorkers, maxTeams) = (c.sizeGuide.maxWorkers, c.sizeGuide.maxTeams)
      workers = detail?.workers.map { AccountOut($0) }
      teamCount = detail?.people.count
      sizeAdvice = detail?.sizeAdvice
    }
  }

  struct HoldingOut: Content {
    let id: String
    let holder: AccountOut
    let termStart: String
    let termEnd: String?
    let endedOn: String?
    init(_ h: HatHolding, _ a: Account) {
      id = h.id.description
      (holder, termStart, termEnd, endedOn) = (AccountOut(a), h.termStart.iso, h.termEnd?.iso, h.endedOn?.iso)
    }
  }

  struct HatOut: Content {
    let id: String
    let kind: String
    let name: String
    let purpose: String
    let circleID: String?
    let accountabilities: [String]
    let history: [HoldingOut]
    init(_ h: HatWithHolders) {
      (id, kind, name, purpose) = (h.hat.id.description, h.hat.kind.rawValue, h.hat.name, h.hat.purpose)
      (circleID, accountabilities) = (h.hat.circleID?.description, h.hat.accountabilities)
      history = h.history.map(HoldingOut.init)
    }
  }

  struct HandoverIn: Content {
    let toAccountID: String
    let termStart: String
    let termEnd: String?
    let replacing: String?
    var domain: Handover {
      Handover(toAccountID: toAccountID, termStart: termStart, termEnd: termEnd, replacing: replacing)
    }
  }
}
