import CareCore
import Vapor

/// Every page and form, registered from `SiteURL` so links and routes cannot drift apart.
func routes(_ app: Application) throws {
  let team = SiteURL.team(ID(SiteURL.placeholder))
  let circle = SiteURL.circle(ID(SiteURL.placeholder))
  let hat = SiteURL.hat(ID(SiteURL.placeholder))
  let p = ID<Person>(SiteURL.placeholder)

  func get(_ url: SiteURL, _ handler: @escaping @Sendable (Request) async throws -> Response) {
    app.get(SiteURL.pattern(url), use: handler)
  }
  func post(_ url: SiteURL, _ handler: @escaping @Sendable (Request) async throws -> Response) {
    app.post(SiteURL.pattern(url), use: handler)
  }

  get(.home, HomeController.home)
  get(.health, HomeController.health)
  get(.setup, AuthController.setupForm)
  post(.setup, AuthController.setup)
  get(.signIn, AuthController.signInForm)
  post(.signIn, AuthController.signIn)
  post(.signOut, AuthController.signOut)
  get(.forgotPassword, AuthController.forgotForm)
  post(.forgotPassword, AuthController.forgot)
  get(.resetPassword(token: nil), AuthController.resetForm)
  post(.resetPassword(token: nil), AuthController.reset)

  get(.people, PeopleController.index)
  post(.people, PeopleController.create)
  get(team, TeamController.show)
  get(.teamInvite(p), TeamController.inviteForm)
  get(.teamWhoLooked(p), WhoLookedController.show)
  post(.teamInvite(p), TeamController.invite)
  post(.teamRespond(p), TeamController.respond)
  post(.teamRemove(p, ID(SiteURL.placeholder2)), TeamController.remove)

  get(.circles, CircleController.index)
  post(.circles, CircleController.create)
  get(circle, CircleController.show)
  post(.circleJoin(ID(SiteURL.placeholder)), CircleController.join)
  post(.circleLeave(ID(SiteURL.placeholder)), CircleController.leave)

  get(.members, CoopController.members)
  post(.members, CoopController.addMember)
  get(.hats, CoopController.hats)
  get(hat, CoopController.hat)
  post(.hatHandover(ID(SiteURL.placeholder)), CoopController.handOver)
  post(.easyRead, PreferencesController.setEasyRead)

  try APIController.register(app)
}
