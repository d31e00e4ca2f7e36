//! Every sentence the core shows a person, in French and in English.
//!
//! Shells keep their own labels (buttons, titles); what depends on the state of the app
//! (errors, empty states, the offline banner) comes from here, so both apps say the same thing.

use facet::Facet;
use serde::{Deserialize, Serialize};

/// The person's language, chosen in the app (the device's language at first).
#[derive(Facet, Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[repr(C)]
pub enum Language {
    #[default]
    French,
    English,
}

/// What the core can say. One variant per situation, never a server's own wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Offline,
    ServerUnreachable,
    ServerError,
    SessionExpired,
    InvalidCredentials,
    InvitationInvalid,
    InvitationLinkInvalid,
    LinkOtherFederation,
    SignInToOpen,
    ChooseDate,
    GroupsSuggested,
    FileGone,
    PickInviteTitle,
    PickStartTitle,
    PickAddTitle,
    PickHint,
    PickInviteConfirm,
    PickStartConfirm,
    PickAddConfirm,
    PickYou,
    PickAlreadyMember,
    PickAlreadyInvited,
    PickAlreadyIn,
    InvitationsSent,
    GroupInvited,
    JoinRequestsHint,
    InvitationWhileSignedIn,
    FederationAddressInvalid,
    FederationUnreachable,
    FederationNotFabrique,
    FederationHelp,
    TooManyAttempts,
    EmailInvalid,
    PasswordTooShort,
    PasswordWeak,
    NameRequired,
    BodyRequired,
    TooLong,
    NotAllowed,
    NotAMember,
    GroupIsPrivate,
    AlreadyMember,
    LastAdmin,
    PostDeleted,
    NotFound,
    ProfileHidden,
    DeletedMeanwhile,
    NotTheAuthor,
    Refused,
    DeviceStorageFailed,
    FeedEmpty,
    MyGroupsEmpty,
    BrowseEmpty,
    GroupPostsEmpty,
    GroupPrivateContent,
    CommentsEmpty,
    NotSentYet,
    WriteFailed,
    PendingAfterSignOut,
    JoinRequestSent,
    QuestionTitleRequired,
    QuestionGroupRequired,
    ForMeEmpty,
    NotificationsEmpty,
    MarkAllRead,
    AlreadyAnswered,
    NoAnswerYet,
    SearchEmpty,
    SearchHint,
    DirectoryEmpty,
    EventsEmpty,
    EventCancelled,
    EventOver,
    MyCalendar,
    CalendarEmpty,
    NotOrganiser,
    NotificationSettingsHint,
    QuietHoursInvalid,
    EventTitleRequired,
    MessageTitleRequired,
    EventTimesInvalid,
    EventCapacityInvalid,
    NoMessagesLeftToday,
    Loading,
    CharterTitle,
    CharterPrompt,
    CharterAccept,
    CharterAccepted,
    CharterNotAccepted,
    NoCharter,
    Suspended,
    ReportTitle,
    ReportHint,
    ReportDetails,
    ReportSent,
    CannotReportYourself,
    DecisionReasonRequired,
    DecisionSent,
    ReportsHint,
    ConversationsEmpty,
    ConversationEmpty,
    NewConversation,
    YouBlocked,
    Blocked,
    TooManyPeople,
    DirectConversation,
    PollClosed,
    PollQuestionRequired,
    PollOptionsInvalid,
    PollClosesInvalid,
    ResultsAfterVoting,
    ResultsAfterClosing,
    PollNoVoteYet,
    FileWaiting,
    FileSending,
    FileSent,
    FileTooLarge,
    FileTypeRefused,
    FileEmpty,
    FileMissing,
    FileUnreadable,
    TooManyFiles,
    CannotAttachHere,
    FileLeftOut,
    AccountExists,
    MailUnavailable,
    ResetLinkInvalid,
    ResetLinkSent,
    ErasureExplained,
    DataCopyExplained,
    DataCopyWaiting,
    DataCopyFailed,
    DataCopyExpired,
    ErasureScheduled,
    PasswordWrong,
    DigestHint,
    UnsentKeptAside,
    PushUnavailable,
    CannotBlockYourself,
    CaseDecided,
    GroupIsPublic,
    OneChoiceOnly,
    PushEndpointTaken,
    TooManyUploads,
}

impl Text {
    pub fn in_language(self, language: Language) -> &'static str {
        let (fr, en) = match self {
            Text::Offline => (
                "Hors ligne : ce que vous écrivez est gardé sur le téléphone et partira dès le retour du réseau.",
                "Offline: what you write is kept on this phone and will be sent as soon as the network is back.",
            ),
            Text::ServerUnreachable => (
                "Le serveur ne répond pas. Nouvel essai dans un instant.",
                "The server is not answering. Trying again in a moment.",
            ),
            Text::ServerError => (
                "Le serveur a rencontré un problème. Nouvel essai dans un instant.",
                "The server ran into a problem. Trying again in a moment.",
            ),
            Text::SessionExpired => (
                "Votre session a expiré. Reconnectez-vous : rien de ce que vous avez écrit n'est perdu.",
                "Your session has expired. Please sign in again: nothing you wrote is lost.",
            ),
            Text::InvalidCredentials => {
                ("Adresse e-mail ou mot de passe incorrect.", "Wrong email address or password.")
            }
            Text::PickInviteTitle => ("Inviter dans le groupe", "Invite to the group"),
            Text::PickStartTitle => ("Nouvelle conversation", "New conversation"),
            Text::PickAddTitle => ("Ajouter à la conversation", "Add to the conversation"),
            Text::PickHint => (
                "Cherchez des personnes par leur nom, puis touchez chacune pour la choisir.",
                "Search people by name, then tap each one to choose them.",
            ),
            Text::PickInviteConfirm => ("Inviter", "Invite"),
            Text::PickStartConfirm => ("Commencer la conversation", "Start the conversation"),
            Text::PickAddConfirm => ("Ajouter", "Add"),
            Text::PickYou => ("c'est vous", "that is you"),
            Text::PickAlreadyMember => ("déjà membre", "already a member"),
            Text::PickAlreadyInvited => ("déjà invité·e", "already invited"),
            Text::PickAlreadyIn => ("déjà dans la conversation", "already in the conversation"),
            Text::InvitationsSent => (
                "Invitations envoyées : chaque personne les trouve dans « Mes groupes » et rejoint le groupe quand elle veut.",
                "Invitations sent: each person finds them in “My groups” and joins the group when they want.",
            ),
            Text::GroupInvited => (
                "Vous êtes invité·e dans ce groupe : rejoignez-le quand vous voulez.",
                "You are invited into this group: join it whenever you want.",
            ),
            Text::JoinRequestsHint => (
                "Ces personnes demandent à rejoindre le groupe. Acceptez celles que vous connaissez ; les autres ne sont pas prévenues d'un refus.",
                "These people ask to join the group. Accept those you know; the others are not told of a refusal.",
            ),
            Text::FileGone => (
                "Ce fichier n'est plus disponible : il a été retiré.",
                "This file is no longer available: it was removed.",
            ),
            Text::GroupsSuggested => (
                "Groupes de votre association et de la fédération : rejoignez ceux qui vous intéressent.",
                "Groups of your association and of the federation: join those that interest you.",
            ),
            Text::ChooseDate => ("Choisir la date et l'heure", "Choose the date and time"),
            Text::LinkOtherFederation => (
                "Ce lien est celui d'une autre fédération que celle de cette application : déconnectez-vous puis changez de fédération pour l'ouvrir.",
                "This link belongs to another federation than this app's: sign out, then change federation to open it.",
            ),
            Text::SignInToOpen => {
                ("Connectez-vous : le lien s'ouvrira juste après.", "Sign in: the link opens right after.")
            }
            Text::InvitationLinkInvalid => (
                "Ce lien d'invitation ne se lit pas. Demandez-en un nouveau à la personne qui vous a invité·e.",
                "This invitation link cannot be read. Ask the person who invited you for a new one.",
            ),
            Text::InvitationWhileSignedIn => (
                "Vous êtes déjà connecté·e. Cette invitation sert à créer un nouveau compte : déconnectez-vous d'abord (dans votre profil) si c'est bien ce que vous voulez, puis ouvrez-la de nouveau.",
                "You are already signed in. This invitation is for creating a new account: sign out first (from your profile) if that is what you want, then open it again.",
            ),
            Text::FederationAddressInvalid => (
                "Cette adresse ne se lit pas. Elle ressemble à fabrique.ma-federation.fr : vous la trouverez dans votre invitation, ou demandez-la à votre association.",
                "This address cannot be read. It looks like fabrique.my-federation.org: you will find it in your invitation, or ask your association.",
            ),
            Text::FederationUnreachable => (
                "Impossible de joindre cette adresse. Vérifiez-la lettre par lettre, et que le téléphone est connecté à Internet.",
                "This address cannot be reached. Check it letter by letter, and that the phone is connected to the Internet.",
            ),
            Text::FederationHelp => (
                "L'adresse de l'espace Fabrique de votre fédération, par exemple fabrique.ma-federation.fr. Elle figure dans votre invitation ; si on vous a envoyé un lien, ouvrez-le simplement sur ce téléphone.",
                "The address of your federation's Fabrique space, for example fabrique.my-federation.org. It is in your invitation; if you were sent a link, simply open it on this phone.",
            ),
            Text::FederationNotFabrique => (
                "Cette adresse n'est pas celle d'un espace Fabrique. Vérifiez-la dans votre invitation, ou demandez-la à votre association.",
                "This is not the address of a Fabrique space. Check it in your invitation, or ask your association.",
            ),
            Text::InvitationInvalid => (
                "Ce code d'invitation n'est pas valable ou a expiré. Demandez-en un nouveau à votre association.",
                "This invitation code is not valid or has expired. Ask your association for a new one.",
            ),
            Text::TooManyAttempts => (
                "Trop d'essais. Attendez quelques minutes avant de réessayer.",
                "Too many attempts. Wait a few minutes before trying again.",
            ),
            Text::EmailInvalid => ("Cette adresse e-mail n'est pas valable.", "This email address is not valid."),
            Text::PasswordTooShort => (
                "Le mot de passe doit compter au moins 10 caractères.",
                "The password must be at least 10 characters long.",
            ),
            Text::PasswordWeak => (
                "Ce mot de passe est trop facile à deviner (un mot courant, une suite, votre nom) : choisissez quelques mots à vous, avec un chiffre ou un signe.",
                "This password is too easy to guess (a common word, a sequence, your name): choose a few words of your own, with a number or a sign.",
            ),
            Text::NameRequired => ("Indiquez votre nom.", "Please enter your name."),
            Text::BodyRequired => ("Le texte ne peut pas être vide.", "The text cannot be empty."),
            Text::TooLong => ("Ce texte est trop long.", "This text is too long."),
            Text::NotAllowed => ("Vous n'avez pas le droit de faire cela.", "You are not allowed to do this."),
            Text::NotAMember => (
                "Vous ne faites plus partie de ce groupe : votre message n'a pas été publié.",
                "You are no longer a member of this group: your message was not published.",
            ),
            Text::GroupIsPrivate => {
                ("Ce groupe est privé : demandez à le rejoindre.", "This group is private: ask to join it.")
            }
            Text::AlreadyMember => ("Vous êtes déjà membre de ce groupe.", "You are already a member of this group."),
            Text::LastAdmin => (
                "Vous êtes le dernier administrateur : nommez-en un autre avant de partir.",
                "You are the last administrator: appoint another one before leaving.",
            ),
            Text::PostDeleted => ("Cette publication a été supprimée.", "This post has been deleted."),
            Text::NotFound => ("Cet élément n'existe plus.", "This item no longer exists."),
            Text::ProfileHidden => (
                "Cette personne n'a pas rendu son profil visible pour vous.",
                "This person has not made their profile visible to you.",
            ),
            Text::DeletedMeanwhile => (
                "Cet élément a été supprimé entre-temps : votre modification n'a pas été enregistrée.",
                "This item was deleted in the meantime: your change was not saved.",
            ),
            Text::NotTheAuthor => ("Seul l'auteur peut modifier ce texte.", "Only the author can change this text."),
            Text::Refused => ("Le serveur a refusé cette action.", "The server refused this action."),
            Text::DeviceStorageFailed => (
                "Impossible d'enregistrer sur ce téléphone. Libérez de la place puis réessayez.",
                "Could not save on this phone. Free some space and try again.",
            ),
            Text::FeedEmpty => (
                "Rien pour l'instant. Rejoignez des groupes dans « Explorer » pour suivre leur actualité.",
                "Nothing yet. Join groups in \"Browse\" to follow their news.",
            ),
            Text::MyGroupsEmpty => (
                "Vous n'êtes dans aucun groupe. Ouvrez « Explorer » pour en trouver un.",
                "You are not in any group yet. Open \"Browse\" to find one.",
            ),
            Text::BrowseEmpty => {
                ("Aucun groupe ne correspond. Essayez un autre mot.", "No group matches. Try another word.")
            }
            Text::GroupPostsEmpty => (
                "Aucune publication dans ce groupe. Écrivez la première !",
                "No posts in this group yet. Write the first one!",
            ),
            Text::GroupPrivateContent => (
                "Ce groupe est privé : ses publications sont visibles par ses membres.",
                "This group is private: its posts are visible to its members.",
            ),
            Text::CommentsEmpty => {
                ("Pas encore de commentaire. Soyez le premier à réagir.", "No comments yet. Be the first to reply.")
            }
            Text::NotSentYet => ("Pas encore envoyé", "Not sent yet"),
            Text::WriteFailed => ("Non publié", "Not published"),
            Text::PendingAfterSignOut => (
                "Des messages n'ont pas encore été envoyés : ils partiront à votre prochaine connexion.",
                "Some messages have not been sent yet: they will go at your next sign-in.",
            ),
            Text::QuestionTitleRequired => ("Écrivez votre question.", "Write your question."),
            Text::QuestionGroupRequired => {
                ("Choisissez au moins un groupe à qui poser la question.", "Choose at least one group to ask.")
            }
            Text::ForMeEmpty => (
                "Aucune question pour vous. Ajoutez vos compétences à votre profil pour recevoir celles qui vous concernent.",
                "No questions for you. Add your skills to your profile to receive the ones that concern you.",
            ),
            Text::NotificationsEmpty => (
                "Rien de nouveau. Vous serez prévenu ici des questions de vos groupes et des réponses aux vôtres.",
                "Nothing new. You will be told here about questions in your groups and answers to yours.",
            ),
            Text::MarkAllRead => ("Tout marquer comme lu", "Mark all as read"),
            Text::AlreadyAnswered => (
                "Ces questions ont déjà une réponse : la vôtre y est peut-être.",
                "These questions already have an answer: yours may be there.",
            ),
            Text::NoAnswerYet => {
                ("Pas encore de réponse. Si vous savez, répondez !", "No answer yet. If you know, answer!")
            }
            Text::SearchEmpty => (
                "Rien trouvé. Essayez un autre mot, ou moins de mots.",
                "Nothing found. Try another word, or fewer words.",
            ),
            Text::SearchHint => (
                "Cherchez dans les publications, les questions, les groupes et les personnes.",
                "Search posts, questions, groups and people.",
            ),
            Text::DirectoryEmpty => (
                "Personne ne correspond à ces critères. Essayez d'en retirer un.",
                "No one matches. Try removing a filter.",
            ),
            Text::EventsEmpty => (
                "Aucun événement à venir dans vos groupes. Les organisateurs les annoncent ici.",
                "No coming events in your groups. Organisers announce them here.",
            ),
            Text::EventCancelled => ("Annulé", "Cancelled"),
            Text::EventOver => ("Cet événement est terminé.", "This event is over."),
            Text::MyCalendar => ("Mon agenda", "My calendar"),
            Text::CalendarEmpty => (
                "Votre agenda est vide. Répondez « Je participe » à un événement pour l'y voir.",
                "Your calendar is empty. Answer “I'm going” to an event to see it here.",
            ),
            Text::NotOrganiser => {
                ("Seuls les organisateurs du groupe peuvent faire cela.", "Only the group's organisers can do this.")
            }
            Text::NotificationSettingsHint => (
                "Pendant les heures calmes, rien ne sonne : les notifications vous attendent dans l'application.",
                "During quiet hours nothing rings: notifications wait for you in the app.",
            ),
            Text::QuietHoursInvalid => (
                "Indiquez une heure de début et une heure de fin différentes (par exemple 22:00 et 07:00).",
                "Give a start and an end that differ (for example 22:00 and 07:00).",
            ),
            Text::EventTitleRequired => ("Donnez un titre à l'événement.", "Give the event a title."),
            Text::MessageTitleRequired => ("Donnez un titre au message.", "Give the message a title."),
            Text::EventTimesInvalid => (
                "Indiquez quand l'événement commence et finit : la fin après le début.",
                "Say when the event starts and ends: the end after the start.",
            ),
            Text::EventCapacityInvalid => (
                "Le nombre de places doit être d'au moins 1 (laissez vide s'il n'y a pas de limite).",
                "There must be at least 1 place (leave it empty for no limit).",
            ),
            Text::NoMessagesLeftToday => (
                "Vous avez envoyé 5 messages à ce groupe aujourd'hui : vous pourrez écrire de nouveau demain.",
                "You have sent 5 messages to this group today: you can write again tomorrow.",
            ),
            Text::Loading => ("Chargement…", "Loading…"),
            Text::CharterTitle => ("La charte de la fédération", "The federation's charter"),
            Text::CharterPrompt => (
                "Avant de publier, lisez et acceptez la charte de la fédération.",
                "Before posting, read and accept the federation's charter.",
            ),
            Text::CharterAccept => ("J'ai lu la charte et je l'accepte", "I have read the charter and I accept it"),
            Text::CharterAccepted => (
                "Merci ! Vous pouvez publier ; ce que vous aviez écrit part maintenant.",
                "Thank you! You can post; what you had written is being sent now.",
            ),
            Text::CharterNotAccepted => (
                "Acceptez la charte pour publier : ce que vous avez écrit est gardé et partira dès que vous l'aurez acceptée.",
                "Accept the charter to post: what you wrote is kept and will be sent once you accept it.",
            ),
            Text::NoCharter => ("Aucune charte n'est publiée pour l'instant.", "No charter is published yet."),
            Text::Suspended => (
                "La modération a suspendu votre compte pour un temps : vous pouvez lire, mais pas publier.",
                "The moderators suspended your account for a time: you can read, but not post.",
            ),
            Text::ReportTitle => ("Signaler aux modérateurs", "Report to the moderators"),
            Text::ReportHint => (
                "Dites pourquoi ceci est contraire à la charte. La personne concernée ne saura pas qui l'a signalé.",
                "Say why this goes against the charter. The person concerned will not know who reported it.",
            ),
            Text::ReportDetails => ("Précisez si vous le souhaitez (facultatif)", "Add details if you wish (optional)"),
            Text::ReportSent => (
                "Merci. Les modérateurs vont examiner votre signalement et vous informeront de leur décision.",
                "Thank you. The moderators will look at your report and tell you their decision.",
            ),
            Text::CannotReportYourself => (
                "Vous ne pouvez pas signaler ce que vous avez écrit vous-même.",
                "You cannot report what you wrote yourself.",
            ),
            Text::DecisionReasonRequired => (
                "Écrivez en une phrase la raison de votre décision : l'auteur et les personnes qui ont signalé la liront.",
                "Write the reason for your decision in a sentence: the author and the people who reported will read it.",
            ),
            Text::DecisionSent => (
                "Décision enregistrée : l'auteur et les personnes qui ont signalé en sont informés.",
                "Decision recorded: the author and the people who reported are told.",
            ),
            Text::ConversationsEmpty => (
                "Aucune conversation pour l'instant. Pour écrire à quelqu'un, ouvrez son profil depuis l'annuaire et touchez « Écrire ».",
                "No conversation yet. To write to someone, open their profile from the directory and tap “Write”.",
            ),
            Text::ConversationEmpty => {
                ("Pas encore de message. Écrivez le premier ci-dessous.", "No message yet. Write the first one below.")
            }
            Text::NewConversation => ("Nouvelle conversation", "New conversation"),
            Text::YouBlocked => (
                "Vous avez bloqué cette personne : elle ne peut plus vous écrire. Débloquez-la pour lui écrire.",
                "You blocked this person: they can no longer write to you. Unblock them to write to them.",
            ),
            Text::Blocked => {
                ("Cette personne ne reçoit pas vos messages.", "This person does not receive your messages.")
            }
            Text::TooManyPeople => (
                "Une conversation réunit au plus 50 personnes, vous comprise.",
                "A conversation has at most 50 people, you included.",
            ),
            Text::DirectConversation => (
                "Une conversation à deux reste à deux : commencez-en une nouvelle avec tout le monde.",
                "A conversation between two stays between two: start a new one with everyone.",
            ),
            Text::PollClosed => {
                ("Ce sondage est clos : votre vote n'a pas été pris.", "This poll is closed: your vote was not taken.")
            }
            Text::PollQuestionRequired => ("Écrivez la question du sondage.", "Write the poll's question."),
            Text::PollOptionsInvalid => (
                "Un sondage propose de 2 à 20 choix, tous différents.",
                "A poll offers from 2 to 20 choices, all different.",
            ),
            Text::PollClosesInvalid => (
                "Choisissez une date de clôture à venir, dans l'année.",
                "Choose a closing date to come, within a year.",
            ),
            Text::ResultsAfterVoting => {
                ("Les résultats s'affichent une fois que vous avez voté.", "The results show once you have voted.")
            }
            Text::ResultsAfterClosing => {
                ("Les résultats s'affichent à la clôture du sondage.", "The results show when the poll closes.")
            }
            Text::PollNoVoteYet => ("Personne n'a encore voté.", "Nobody has voted yet."),
            Text::FileWaiting => (
                "En attente du réseau : le fichier partira tout seul.",
                "Waiting for the network: the file will be sent by itself.",
            ),
            Text::FileSending => ("Envoi en cours…", "Sending…"),
            Text::FileSent => ("Prêt", "Ready"),
            Text::FileTooLarge => (
                "Ce fichier est trop lourd : 20 Mo au plus. Choisissez-en un plus léger.",
                "This file is too large: 20 MB at most. Choose a smaller one.",
            ),
            Text::FileTypeRefused => (
                "Ce type de fichier n'est pas accepté : une photo (JPEG, PNG, WebP, GIF), un PDF ou un document bureautique.",
                "This kind of file is not accepted: a photo (JPEG, PNG, WebP, GIF), a PDF or an office document.",
            ),
            Text::FileEmpty => ("Ce fichier est vide.", "This file is empty."),
            Text::FileMissing => (
                "Ce fichier n'est plus sur le téléphone : choisissez-le à nouveau.",
                "This file is no longer on the phone: choose it again.",
            ),
            Text::FileUnreadable => (
                "Cette photo n'a pas pu être lue : elle est peut-être abîmée.",
                "This photo could not be read: it may be damaged.",
            ),
            Text::TooManyFiles => ("10 fichiers au plus par message.", "10 files at most on one item."),
            Text::CannotAttachHere => (
                "Ouvrez d'abord le message, la question ou l'événement auquel joindre ce fichier.",
                "First open the post, question or event to attach this file to.",
            ),
            Text::FileLeftOut => (
                "Un fichier n'a pas pu être envoyé : votre texte est parti sans lui.",
                "A file could not be sent: your text went without it.",
            ),
            Text::ReportsHint => (
                "Signalements à examiner dans ce groupe : décidez avec une raison, que l'auteur lira.",
                "Reports to look at in this group: decide with a reason the author will read.",
            ),
            Text::JoinRequestSent => (
                "Demande envoyée. Les responsables du groupe vont vous répondre.",
                "Request sent. The group's organisers will answer you.",
            ),
            Text::MailUnavailable => (
                "Ce serveur n'envoie pas d'e-mails : demandez à un responsable de votre association un lien pour choisir un nouveau mot de passe.",
                "This server sends no e-mail: ask a manager of your association for a link to choose a new password.",
            ),
            Text::PushUnavailable => (
                "Ce téléphone ne reçoit pas de notifications : tout arrive quand même ici. Pour être prévenu·e, autorisez les notifications de Fabrique dans les réglages du téléphone (sur Android sans services Google, installez aussi une application comme ntfy).",
                "This phone receives no notifications: everything still arrives here. To be told, allow Fabrique's notifications in the phone's settings (on Android without Google services, also install an app such as ntfy).",
            ),
            Text::UnsentKeptAside => (
                "Des écrits qui attendaient d'être envoyés n'ont pas pu être relus après la mise à jour. Ils sont gardés à part sur ce téléphone, rien n'est effacé : une prochaine version les enverra. Vous pouvez continuer à écrire.",
                "Writings waiting to be sent could not be read back after the update. They are kept aside on this phone, nothing is erased: a coming version will send them. You can go on writing.",
            ),
            Text::DigestHint => (
                "Un résumé par e-mail de ce qui vous attend, seulement quand vous n'avez pas ouvert l'application :",
                "A summary by e-mail of what awaits you, only when you have not opened the app:",
            ),
            Text::DataCopyExplained => (
                "Une copie de tout ce que vous avez écrit et de ce qui vous concerne (profil, publications, messages, fichiers…), dans un fichier ZIP. Elle est préparée en quelques instants et reste à télécharger pendant 7 jours.",
                "A copy of everything you wrote and what is about you (profile, posts, messages, files…), in a ZIP file. It is prepared in a few moments and can be downloaded for 7 days.",
            ),
            Text::DataCopyWaiting => ("en préparation", "being prepared"),
            Text::DataCopyFailed => {
                ("n'a pas pu être préparée : demandez-en une autre", "could not be prepared: ask for another")
            }
            Text::DataCopyExpired => ("plus disponible", "no longer available"),
            Text::ErasureExplained => (
                "Votre compte sera fermé tout de suite, sur tous vos appareils, puis effacé pour de bon dans 14 jours : votre profil, vos réglages et vos fichiers disparaissent, vos messages dans les conversations deviennent « message supprimé ». Ce que vous avez écrit dans les groupes suit la règle de votre fédération (voir sa charte). Vous changez d'avis ? Reconnectez-vous avant 14 jours. Pour confirmer, tapez votre mot de passe.",
                "Your account will close at once, on all your devices, then be erased for good in 14 days: your profile, settings and files go, your messages in conversations read \"message supprimé\". What you wrote in groups follows your federation's rule (see its charter). Changed your mind? Sign in again within 14 days. To confirm, type your password.",
            ),
            Text::ErasureScheduled => (
                "Votre compte est fermé et sera effacé dans 14 jours ; un e-mail vous le confirme. Vous avez changé d'avis ? Reconnectez-vous ici d'ici là : tout sera comme avant.",
                "Your account is closed and will be erased in 14 days; an e-mail confirms it. Changed your mind? Sign in here before then: everything stays as it was.",
            ),
            Text::PasswordWrong => ("Ce mot de passe n'est pas le bon.", "This password is not the right one."),
            Text::ResetLinkSent => (
                "Si un compte a cette adresse, un e-mail vient de partir avec un lien pour choisir un nouveau mot de passe (valable une heure). Rien reçu ? Regardez dans les indésirables.",
                "If an account has this address, an e-mail has just left with a link to choose a new password (valid one hour). Nothing arrived? Look in your spam folder.",
            ),
            Text::ResetLinkInvalid => (
                "Ce lien n'est plus valable (il sert une fois, pendant une heure). Demandez-en un nouveau avec « Mot de passe oublié ».",
                "This link is no longer valid (it works once, for one hour). Ask for a new one with \"Forgot your password\".",
            ),
            Text::AccountExists => (
                "Un compte existe déjà avec cette adresse e-mail.",
                "An account already exists with this email address.",
            ),
            Text::CannotBlockYourself => ("Vous ne pouvez pas vous bloquer vous-même.", "You cannot block yourself."),
            Text::CaseDecided => ("Ce signalement a déjà été traité.", "This report was already decided."),
            Text::GroupIsPublic => (
                "Ce groupe est public : rejoignez-le directement, sans demande.",
                "This group is public: join it directly, no request needed.",
            ),
            Text::OneChoiceOnly => ("Ce sondage n'accepte qu'un seul choix.", "This poll takes one choice only."),
            Text::PushEndpointTaken => (
                "Ce téléphone reçoit déjà les notifications d'une autre personne : elle doit d'abord s'y déconnecter.",
                "This phone already receives another person's notifications: they must sign out on it first.",
            ),
            Text::TooManyUploads => (
                "Trop de fichiers attendent d'être publiés : publiez-en ou retirez-en d'abord.",
                "Too many files are waiting to be published: publish or remove some first.",
            ),
        };
        match language {
            Language::French => fr,
            Language::English => en,
        }
    }
}

/// The text for a refusal, from its stable error code. Every code is named, with no
/// fallback: a code the server starts sending does not compile here until it has a sentence.
/// Codes that only a faulty app could cause (a malformed body, a bad id) read as a plain
/// refusal; a code from a newer server too.
/// A count with its noun, by the language's plural rules (CLDR, through `intl_pluralrules`):
/// "0 commentaire", "1 commentaire", "2 commentaires"; "1 comment", "0 comments".
pub fn count(n: i64, language: Language, fr: (&str, &str), en: (&str, &str)) -> String {
    use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
    let (id, (one, other)) = match language {
        Language::French => (unic_langid::langid!("fr"), fr),
        Language::English => (unic_langid::langid!("en"), en),
    };
    let singular = PluralRules::create(id, PluralRuleType::CARDINAL)
        .and_then(|rules| rules.select(n))
        .is_ok_and(|category| category == PluralCategory::ONE);
    format!("{n} {}", if singular { one } else { other })
}

/// The clock a person reads times on: the one they chose in their notification settings,
/// Paris otherwise.
pub fn time_zone(name: Option<&str>) -> chrono_tz::Tz {
    name.and_then(|n| n.parse().ok()).unwrap_or(chrono_tz::Europe::Paris)
}

/// A date and time as people read it, on `tz`'s clock: "14 mars 2027 à 17:00",
/// "14 March 2027 at 17:00".
pub fn when(at: chrono::DateTime<chrono::Utc>, tz: chrono_tz::Tz, language: Language) -> String {
    let local = at.with_timezone(&tz);
    match language {
        Language::French => local.format_localized("%-d %B %Y à %H:%M", chrono::Locale::fr_FR).to_string(),
        Language::English => local.format_localized("%-d %B %Y at %H:%M", chrono::Locale::en_GB).to_string(),
    }
}

/// When something was written, as people say it, on `tz`'s clock: "à l'instant",
/// "il y a 5 min", "aujourd'hui à 14:05", "hier à 18:00", "jeudi à 18:00" within the week,
/// "14 mars à 18:00" within the year, else the full date ([`when`]). English likewise.
pub fn ago(
    at: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
    tz: chrono_tz::Tz,
    language: Language,
) -> String {
    use chrono::Datelike;
    let french = language == Language::French;
    let elapsed = now.signed_duration_since(at);
    if elapsed < chrono::Duration::minutes(1) {
        return if french { "à l'instant" } else { "just now" }.to_owned();
    }
    if elapsed < chrono::Duration::hours(1) {
        let minutes = elapsed.num_minutes();
        return if french { format!("il y a {minutes} min") } else { format!("{minutes} min ago") };
    }
    let (local, today) = (at.with_timezone(&tz), now.with_timezone(&tz).date_naive());
    let (locale, at_word) = if french { (chrono::Locale::fr_FR, "à") } else { (chrono::Locale::en_GB, "at") };
    let clock = local.format("%H:%M");
    let days = (today - local.date_naive()).num_days();
    match days {
        0 => format!("{} {at_word} {clock}", if french { "aujourd'hui" } else { "today" }),
        1 => format!("{} {at_word} {clock}", if french { "hier" } else { "yesterday" }),
        2..=6 => format!("{} {at_word} {clock}", local.format_localized("%A", locale)),
        _ if local.year() == today.year() => {
            local.format_localized(&format!("%-d %B {at_word} %H:%M"), locale).to_string()
        }
        _ => when(at, tz, language),
    }
}

/// A day as people read it: "12 décembre 2026", "12 December 2026" (chrono's locales).
pub fn day(at: chrono::DateTime<chrono::Utc>, language: Language) -> String {
    let locale = match language {
        Language::French => chrono::Locale::fr_FR,
        Language::English => chrono::Locale::en_GB,
    };
    at.format_localized("%-d %B %Y", locale).to_string()
}

pub fn for_error_code(code: &str) -> Text {
    use fabrique_wire::error::ErrorCode as C;
    match C::parse(code) {
        C::InvalidCredentials => Text::InvalidCredentials,
        C::WeakPassword => Text::PasswordWeak,
        C::InvitationInvalid | C::SetupCodeInvalid => Text::InvitationInvalid,
        C::AccountExists => Text::AccountExists,
        C::RateLimited => Text::TooManyAttempts,
        C::Forbidden
        | C::InvitationRequired
        | C::CannotArchive
        | C::CannotDeactivateSelf
        | C::CaseNotTaken
        | C::FederationAdminsOnly
        | C::OrganisationArchived
        | C::SuspensionByFederation => Text::NotAllowed,
        C::NotAMember => Text::NotAMember,
        C::GroupIsPrivate => Text::GroupIsPrivate,
        C::GroupIsPublic => Text::GroupIsPublic,
        C::AlreadyMember => Text::AlreadyMember,
        C::LastAdmin => Text::LastAdmin,
        C::MailUnavailable => Text::MailUnavailable,
        C::ResetLinkInvalid => Text::ResetLinkInvalid,
        C::PostDeleted | C::Deleted => Text::DeletedMeanwhile,
        C::NotTheAuthor => Text::NotTheAuthor,
        C::PostNotFound
        | C::CommentNotFound
        | C::GroupNotFound
        | C::TargetNotFound
        | C::MemberNotFound
        | C::QuestionNotFound
        | C::AnswerNotFound
        | C::EventNotFound
        | C::ExportNotFound
        | C::ReportTargetNotFound
        | C::ConversationNotFound
        | C::PollNotFound
        | C::MustReadNotFound
        | C::CaseNotFound
        | C::CalendarNotFound
        | C::JoinRequestNotFound
        | C::OrganisationNotFound
        | C::AttachmentNotFound
        | C::NoThumbnail => Text::NotFound,
        C::PersonNotFound => Text::ProfileHidden,
        C::EventCancelled => Text::EventCancelled,
        C::EventOver => Text::EventOver,
        C::NotAnOrganiser => Text::NotOrganiser,
        C::Unauthorized => Text::SessionExpired,
        C::CharterNotAccepted | C::CharterOutdated => Text::CharterNotAccepted,
        C::NoCharter => Text::NoCharter,
        C::Suspended => Text::Suspended,
        C::CannotReportYourself => Text::CannotReportYourself,
        C::CannotBlockYourself => Text::CannotBlockYourself,
        C::ReasonRequired => Text::DecisionReasonRequired,
        C::CaseDecided => Text::CaseDecided,
        C::Blocked => Text::Blocked,
        C::TooManyPeople => Text::TooManyPeople,
        C::DirectConversation => Text::DirectConversation,
        C::PollClosed => Text::PollClosed,
        C::DuplicateOption | C::UnknownOption => Text::PollOptionsInvalid,
        C::OneChoiceOnly => Text::OneChoiceOnly,
        C::ClosesInThePast | C::ClosesTooLate => Text::PollClosesInvalid,
        C::ResultsAfterClosing => Text::ResultsAfterClosing,
        C::VoteFirst => Text::ResultsAfterVoting,
        C::FileTooLarge => Text::FileTooLarge,
        C::UnsupportedType => Text::FileTypeRefused,
        C::EmptyFile => Text::FileEmpty,
        C::FileMissing => Text::FileMissing,
        C::UnreadableImage | C::ImageTooLarge => Text::FileUnreadable,
        C::TooManyAttachments => Text::TooManyFiles,
        C::TooManyUploads => Text::TooManyUploads,
        C::PushEndpointTaken => Text::PushEndpointTaken,
        C::BodyTooLarge => Text::TooLong,
        C::Internal | C::PushNotReady => Text::ServerError,
        // What a working app never causes (its own checks come first), or a newer server's.
        C::AlreadyExists
        | C::ClientIdTaken
        | C::CsrfInvalid
        | C::InvalidBody
        | C::InvalidCursor
        | C::InvalidDecision
        | C::InvalidField
        | C::InvalidForm
        | C::InvalidId
        | C::InvalidLimit
        | C::InvalidMutationId
        | C::InvalidParent
        | C::InvalidPath
        | C::InvalidQuery
        | C::MalformedJson
        | C::MethodNotAllowed
        | C::MutationGap
        | C::MutationsNotConsecutive
        | C::NotFound
        | C::NotTheDirectId
        | C::TooManyMutations
        | C::UnreadableBody
        | C::UnsupportedMediaType
        | C::UploadFailed
        | C::UploadInterrupted
        | C::Unknown => Text::Refused,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_each_languages_plural_rules_and_times_read_as_people_say_them() {
        let comments = |n, l| count(n, l, ("commentaire", "commentaires"), ("comment", "comments"));
        assert_eq!(comments(0, Language::French), "0 commentaire", "French: zero is singular");
        assert_eq!(comments(1, Language::French), "1 commentaire");
        assert_eq!(comments(2, Language::French), "2 commentaires");
        assert_eq!(comments(0, Language::English), "0 comments");
        assert_eq!(comments(1, Language::English), "1 comment");
        let at = "2027-03-14T16:00:00Z".parse().unwrap();
        assert_eq!(when(at, chrono_tz::Europe::Paris, Language::French), "14 mars 2027 à 17:00");
        assert_eq!(when(at, chrono_tz::Indian::Reunion, Language::English), "14 March 2027 at 20:00");
        assert_eq!(time_zone(Some("America/Martinique")), chrono_tz::America::Martinique);
        // Relative, as people say it (now: Sunday 14 March 2027, 17:55 in Paris).
        let now: chrono::DateTime<chrono::Utc> = "2027-03-14T16:55:00Z".parse().unwrap();
        let paris = chrono_tz::Europe::Paris;
        let said = |at: &str, language| ago(at.parse().unwrap(), now, paris, language);
        assert_eq!(said("2027-03-14T16:54:30Z", Language::French), "à l'instant");
        assert_eq!(said("2027-03-14T16:50:00Z", Language::French), "il y a 5 min");
        assert_eq!(said("2027-03-14T16:50:00Z", Language::English), "5 min ago");
        assert_eq!(said("2027-03-14T08:05:00Z", Language::French), "aujourd'hui à 09:05");
        assert_eq!(said("2027-03-13T17:00:00Z", Language::French), "hier à 18:00");
        assert_eq!(said("2027-03-13T17:00:00Z", Language::English), "yesterday at 18:00");
        assert_eq!(said("2027-03-11T17:00:00Z", Language::French), "jeudi à 18:00");
        assert_eq!(said("2027-03-11T17:00:00Z", Language::English), "Thursday at 18:00");
        assert_eq!(said("2027-01-02T09:00:00Z", Language::French), "2 janvier à 10:00");
        assert_eq!(said("2026-12-24T09:00:00Z", Language::French), "24 décembre 2026 à 10:00");
        // Just after midnight in Réunion it is already "yesterday" for 23:00 there.
        let reunion = ago(
            "2027-03-13T19:00:00Z".parse().unwrap(),
            "2027-03-13T20:30:00Z".parse().unwrap(),
            chrono_tz::Indian::Reunion,
            Language::French,
        );
        assert_eq!(reunion, "hier à 23:00");
        assert_eq!(time_zone(Some("nowhere")), chrono_tz::Europe::Paris);
    }

    #[test]
    fn the_codes_that_once_fell_through_to_refused_now_say_what_happened() {
        for code in
            ["one_choice_only", "results_after_closing", "vote_first", "cannot_block_yourself", "group_is_public"]
        {
            assert_ne!(for_error_code(code), Text::Refused, "{code}");
        }
        assert_eq!(for_error_code("a_code_from_a_newer_server"), Text::Refused);
    }

    #[test]
    fn every_error_code_has_a_sentence_in_both_languages() {
        for code in fabrique_wire::error::ErrorCode::ALL {
            let text = for_error_code(code.as_str());
            let (fr, en) = (text.in_language(Language::French), text.in_language(Language::English));
            assert!(!fr.is_empty() && !en.is_empty() && fr != en, "{code:?}");
        }
    }

    #[test]
    fn every_text_differs_between_french_and_english() {
        for text in [Text::Offline, Text::FeedEmpty, Text::NotAMember, Text::SessionExpired] {
            assert_ne!(text.in_language(Language::French), text.in_language(Language::English));
        }
    }

    #[test]
    fn an_unknown_error_code_gets_a_generic_refusal() {
        assert_eq!(for_error_code("something_new"), Text::Refused);
        assert_eq!(for_error_code("not_a_member"), Text::NotAMember);
    }
}
