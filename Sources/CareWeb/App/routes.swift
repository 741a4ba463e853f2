import CareCases
import CareCore
import Vapor

/// Every capability, one line each: its pages and its part of the API are registered from its folder.
enum WebCapabilities {
  static let all: [any WebCapability.Type] = [
    HomeWeb.self,
    MessagesWeb.self,
    QualityWeb.self,
    AccountsWeb.self,
    PeopleWeb.self,
    TeamsWeb.self,
    WhoLookedWeb.self,
    CirclesWeb.self,
    MembersWeb.self,
    EngagementsWeb.self,
    RecordsWeb.self,
    MedicinesWeb.self,
    MediaWeb.self,
    HoursWeb.self,
    InvoicesWeb.self,
    PaymentsWeb.self,
    PlansWeb.self,
    DocumentsWeb.self,
    SearchWeb.self,
    GoalsWeb.self,
    LibraryWeb.self,
    GovernanceWeb.self,
    MeetingsWeb.self,
    ConcernsWeb.self,
    TeamSayWeb.self,
    PayWeb.self,
    HatsWeb.self,
    WeekWeb.self,
  ]
}

func routes(_ app: Application) throws {
  let pages = PageRoutes(app: app)
  let api = APIRoutes(app: app)
  for capability in WebCapabilities.all {
    capability.pages(pages)
    capability.api(api)
  }
  app.get("api", "openapi.json", use: OpenAPIDocument.serve).userInfo[RouteKind.key] = RouteKind.api
}
