import type { EmailTemplateText } from "./template.ts";

/** A value an email kind may put in its subject or body as `{{name}}`. */
export interface EmailVariable {
  name: string;
  description: string;
  /** Shown in the editor's preview. */
  sample: string;
}

export interface EmailKindDefinition {
  /** What admins call it. */
  title: string;
  /** When Trellis sends it. */
  sentWhen: string;
  /**
   * "organisation": sent on an organisation's behalf, and its admins may reword it.
   * "account": about the account itself (reset, verification); the same for everyone, not editable,
   * because a person in two organisations would otherwise get one of them's wording at random.
   */
  scope: "organisation" | "account";
  variables: readonly EmailVariable[];
  defaults: EmailTemplateText;
}

const name: EmailVariable = { name: "name", description: "The recipient's name", sample: "Ada Lovelace" };
const orgName: EmailVariable = {
  name: "orgName",
  description: "Your organisation's name",
  sample: "Acme Mentoring",
};
const url = (description: string, sample: string): EmailVariable => ({ name: "url", description, sample });
const programmeName: EmailVariable = {
  name: "programmeName",
  description: "The programme's name",
  sample: "Spring mentoring 2027",
};
const takingPart = "You get this email because you take part in mentoring at {{orgName}} on Trellis.";

/**
 * Every kind of email Trellis sends, in one place: who may reword it, the variables it may use
 * and its default wording. Senders render through server/email/render.ts (the organisation's
 * wording if it has one, else the default); the editor lists these.
 */
export const EMAIL_KINDS = {
  invitation: {
    title: "Invitation to join",
    sentWhen: "An admin invites someone to the organisation.",
    scope: "organisation",
    variables: [
      orgName,
      { name: "inviterName", description: "Who sent the invitation", sample: "Grace Hopper" },
      {
        name: "roleWithArticle",
        description: 'The role offered, as "a mentor" or "an admin"',
        sample: "a mentor",
      },
      url("The link that accepts the invitation", "https://trellis.example/invitations/sample"),
      { name: "expiresInDays", description: "How many days the link works", sample: "14" },
    ],
    defaults: {
      subject: "{{inviterName}} invited you to {{orgName}} on Trellis",
      body: [
        "# Join {{orgName}} on Trellis",
        "{{inviterName}} invited you to join {{orgName}} as {{roleWithArticle}}.",
        "Trellis is where your organisation runs its mentoring and coaching programmes.",
        "[Accept the invitation]({{url}})",
        "---",
        "This link works for {{expiresInDays}} days. If you did not expect it, ignore this email.",
      ].join("\n\n"),
    },
  },
  enrolment_set_password: {
    title: "Added to a programme (new account)",
    sentWhen: "An admin adds someone without a Trellis account to a programme (by hand or CSV import).",
    scope: "organisation",
    variables: [
      name,
      orgName,
      programmeName,
      url(
        "The link to choose a password (works once)",
        "https://trellis.example/reset-password?token=sample",
      ),
      { name: "expiresInDays", description: "How many days the link works", sample: "7" },
    ],
    defaults: {
      subject: "You were added to {{programmeName}} at {{orgName}}",
      body: [
        "# You were added to {{programmeName}} at {{orgName}}",
        "Hello {{name}},",
        "{{orgName}} uses Trellis for its mentoring programmes, and you have been added to {{programmeName}}.",
        'Choose a password to sign in, then check your role and answer the programme\'s questions. This link works once, for {{expiresInDays}} days; after that, use "Forgot password" on the sign-in page.',
        "[Set your password]({{url}})",
        "---",
        takingPart,
      ].join("\n\n"),
    },
  },
  enrolment_registration: {
    title: "Added to a programme",
    sentWhen: "An admin adds someone who already has an account to a programme.",
    scope: "organisation",
    variables: [
      name,
      orgName,
      programmeName,
      url("The programme's registration page", "https://trellis.example/programmes/sample/register"),
    ],
    defaults: {
      subject: "You were added to {{programmeName}}",
      body: [
        "# You were added to {{programmeName}}",
        "Hello {{name}},",
        "Check your role and answer the programme's questions so you can be matched.",
        "[Complete your registration]({{url}})",
        "---",
        takingPart,
      ].join("\n\n"),
    },
  },
  notice: {
    title: "Notification",
    sentWhen:
      "Something happens in a programme that concerns the person (a request, a match, a relationship): the email twin of the in-app notification.",
    scope: "organisation",
    variables: [
      name,
      orgName,
      { name: "title", description: "The notification's headline", sample: "Grace accepted your request" },
      {
        name: "body",
        description: "What happened, in a few sentences",
        sample: "You are now paired with Grace in Spring mentoring 2027.",
      },
      { name: "actionLabel", description: "The button's label", sample: "Open the relationship" },
      url("Where the button leads in Trellis", "https://trellis.example/relationships/sample"),
    ],
    defaults: {
      subject: "{{title}}",
      body: [
        "# {{title}}",
        "Hello {{name}},",
        "{{body}}",
        "[{{actionLabel}}]({{url}})",
        "---",
        takingPart,
      ].join("\n\n"),
    },
  },
  password_reset: {
    title: "Password reset",
    sentWhen: "Someone asks to reset their password.",
    scope: "account",
    variables: [
      name,
      url("The single-use reset link", "https://trellis.example/reset-password?token=sample"),
      { name: "expiresInMinutes", description: "How many minutes the link works", sample: "60" },
    ],
    defaults: {
      subject: "Reset your Trellis password",
      body: [
        "# Reset your password",
        "Hello {{name}},",
        "Someone (we hope you) asked to reset the password of your Trellis account.",
        "[Choose a new password]({{url}})",
        "---",
        "This link works once, for {{expiresInMinutes}} minutes. If you did not ask for it, ignore this email: your password stays as it is.",
      ].join("\n\n"),
    },
  },
  email_verification: {
    title: "Email address confirmation",
    sentWhen: "Someone signs up or changes their email address.",
    scope: "account",
    variables: [
      name,
      url("The confirmation link", "https://trellis.example/verify-email?token=sample"),
      { name: "expiresInDays", description: "How many days the link works", sample: "7" },
    ],
    defaults: {
      subject: "Confirm your email address for Trellis",
      body: [
        "# Confirm your email address",
        "Hello {{name}},",
        "Please confirm that this is your email address.",
        "[Confirm my email]({{url}})",
        "---",
        "This link works for {{expiresInDays}} days.",
      ].join("\n\n"),
    },
  },
} as const satisfies Record<string, EmailKindDefinition>;

export type EmailKind = keyof typeof EMAIL_KINDS;
export const EMAIL_KIND_NAMES = Object.keys(EMAIL_KINDS) as EmailKind[];
/** The kinds an organisation's admins may reword. */
export const EDITABLE_EMAIL_KINDS = EMAIL_KIND_NAMES.filter(
  (kind) => EMAIL_KINDS[kind].scope === "organisation",
);

/** The variables an email kind expects, by name: what its sender must pass. */
export type EmailValues<K extends EmailKind> = {
  readonly [V in (typeof EMAIL_KINDS)[K]["variables"][number]["name"]]: string | number;
};

export function isEmailKind(value: string): value is EmailKind {
  return Object.hasOwn(EMAIL_KINDS, value);
}

/** The sample values of a kind, for previews. */
export function sampleValues(kind: EmailKind): Record<string, string> {
  const definition: EmailKindDefinition = EMAIL_KINDS[kind];
  return Object.fromEntries(definition.variables.map((variable) => [variable.name, variable.sample]));
}

export function variableNames(kind: EmailKind): string[] {
  const definition: EmailKindDefinition = EMAIL_KINDS[kind];
  return definition.variables.map((variable) => variable.name);
}
