//! The audit log: every administrative action, who did it, on what, when (DESIGN.md §4).
//! Written in the same transaction as the action, so neither exists without the other.

use chrono::Utc;
use uuid::Uuid;

use crate::db::Tx;
use crate::error::ApiResult;
use crate::exec;

/// What was done: every administrative action the log records. The console says each in
/// words (`admin::audit`), so a new one does not compile until it has its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    GroupMemberRole,
    GroupMemberRemove,
    GroupJoinRequestRefuse,
    GroupJoinRequestAccept,
    AdminCreate,
    AnnouncementGroup,
    CharterPublish,
    CommentDelete,
    ConsoleSessionRevoke,
    ConsoleSignIn,
    ConsoleSignOut,
    EventCancel,
    GroupCreate,
    GroupInvite,
    GroupMemberAdd,
    GroupOnArrival,
    GroupOwner,
    GroupUpdate,
    GroupVisibility,
    InvitationCreate,
    InvitationResend,
    InvitationWithdraw,
    ModerationDecide,
    ModerationRelease,
    ModerationTake,
    MustReadSend,
    OrganisationArchive,
    OrganisationCreate,
    OrganisationMove,
    OrganisationRename,
    PersonDeactivate,
    PersonErase,
    PersonErasureCancel,
    PersonErasureRequest,
    PersonExport,
    PersonMakeFederationAdmin,
    PersonMakeManager,
    PersonPasswordChange,
    PersonPasswordReset,
    PersonPasswordResetLink,
    PersonReactivate,
    PersonRemoveFederationAdmin,
    PersonRemoveManager,
    PostDelete,
    QuestionDelete,
    QuestionsEscalation,
    RetentionChange,
}

impl Action {
    pub const ALL: [Action; 47] = [
        Action::GroupMemberRole,
        Action::GroupMemberRemove,
        Action::GroupJoinRequestRefuse,
        Action::GroupJoinRequestAccept,
        Action::AdminCreate,
        Action::AnnouncementGroup,
        Action::CharterPublish,
        Action::CommentDelete,
        Action::ConsoleSessionRevoke,
        Action::ConsoleSignIn,
        Action::ConsoleSignOut,
        Action::EventCancel,
        Action::GroupCreate,
        Action::GroupInvite,
        Action::GroupMemberAdd,
        Action::GroupOnArrival,
        Action::GroupOwner,
        Action::GroupUpdate,
        Action::GroupVisibility,
        Action::InvitationCreate,
        Action::InvitationResend,
        Action::InvitationWithdraw,
        Action::ModerationDecide,
        Action::ModerationRelease,
        Action::ModerationTake,
        Action::MustReadSend,
        Action::OrganisationArchive,
        Action::OrganisationCreate,
        Action::OrganisationMove,
        Action::OrganisationRename,
        Action::PersonDeactivate,
        Action::PersonErase,
        Action::PersonErasureCancel,
        Action::PersonErasureRequest,
        Action::PersonExport,
        Action::PersonMakeFederationAdmin,
        Action::PersonMakeManager,
        Action::PersonPasswordChange,
        Action::PersonPasswordReset,
        Action::PersonPasswordResetLink,
        Action::PersonReactivate,
        Action::PersonRemoveFederationAdmin,
        Action::PersonRemoveManager,
        Action::PostDelete,
        Action::QuestionDelete,
        Action::QuestionsEscalation,
        Action::RetentionChange,
    ];

    /// The stable name kept in the log (searchable).
    pub fn as_str(self) -> &'static str {
        match self {
            Action::GroupMemberRole => "group.member.role",
            Action::GroupMemberRemove => "group.member.remove",
            Action::GroupJoinRequestRefuse => "group.join_request.refuse",
            Action::GroupJoinRequestAccept => "group.join_request.accept",
            Action::AdminCreate => "admin.create",
            Action::AnnouncementGroup => "announcement.group",
            Action::CharterPublish => "charter.publish",
            Action::CommentDelete => "comment.delete",
            Action::ConsoleSessionRevoke => "console.session_revoke",
            Action::ConsoleSignIn => "console.sign_in",
            Action::ConsoleSignOut => "console.sign_out",
            Action::EventCancel => "event.cancel",
            Action::GroupCreate => "group.create",
            Action::GroupInvite => "group.invite",
            Action::GroupMemberAdd => "group.member.add",
            Action::GroupOnArrival => "group.on_arrival",
            Action::GroupOwner => "group.owner",
            Action::GroupUpdate => "group.update",
            Action::GroupVisibility => "group.visibility",
            Action::InvitationCreate => "invitation.create",
            Action::InvitationResend => "invitation.resend",
            Action::InvitationWithdraw => "invitation.withdraw",
            Action::ModerationDecide => "moderation.decide",
            Action::ModerationRelease => "moderation.release",
            Action::ModerationTake => "moderation.take",
            Action::MustReadSend => "must_read.send",
            Action::OrganisationArchive => "organisation.archive",
            Action::OrganisationCreate => "organisation.create",
            Action::OrganisationMove => "organisation.move",
            Action::OrganisationRename => "organisation.rename",
            Action::PersonDeactivate => "person.deactivate",
            Action::PersonErase => "person.erase",
            Action::PersonErasureCancel => "person.erasure_cancel",
            Action::PersonErasureRequest => "person.erasure_request",
            Action::PersonExport => "person.export",
            Action::PersonMakeFederationAdmin => "person.make_federation_admin",
            Action::PersonMakeManager => "person.make_manager",
            Action::PersonPasswordChange => "person.password_change",
            Action::PersonPasswordReset => "person.password_reset",
            Action::PersonPasswordResetLink => "person.password_reset_link",
            Action::PersonReactivate => "person.reactivate",
            Action::PersonRemoveFederationAdmin => "person.remove_federation_admin",
            Action::PersonRemoveManager => "person.remove_manager",
            Action::PostDelete => "post.delete",
            Action::QuestionDelete => "question.delete",
            Action::QuestionsEscalation => "questions.escalation",
            Action::RetentionChange => "retention.change",
        }
    }

    pub fn parse(code: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|action| action.as_str() == code)
    }
}

pub async fn record(
    tx: &mut Tx,
    actor_id: Option<Uuid>,
    action: Action,
    target_kind: &'static str,
    target_id: Option<Uuid>,
    details: serde_json::Value,
) -> ApiResult<()> {
    exec!(tx, sqlx::query("INSERT INTO audit_log (id, actor_id, action, target_kind, target_id, details, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(Uuid::now_v7()).bind(actor_id).bind(action.as_str()).bind(target_kind).bind(target_id).bind(details.to_string()).bind(Utc::now()))?;
    Ok(())
}
