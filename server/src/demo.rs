//! Demonstration data: a small French departmental federation, written through the same
//! functions as real use (so it syncs like real data), only into an empty database.

use fabrique_wire::groups::NewGroup;
use fabrique_wire::groups::{GroupRole, Visibility};
use fabrique_wire::people::{DirectoryVisibility, ProfileUpdate};
use fabrique_wire::posts::NewPost;
use fabrique_wire::posts::PostKind;
use uuid::Uuid;

use crate::accounts;
use crate::auth::Actor;
use crate::db::Db;
use crate::error::ApiResult;
use crate::people::{self, NewPerson};
use crate::sync::log::{self, ChangeSet};
use crate::{exec, groups, on_tx, organisations, posts};

pub const DEMO_PASSWORD: &str = "fabrique-demo";

pub struct DemoSignIn {
    pub email: String,
    pub password: &'static str,
}

/// (name, function, organisation index, skills, interests, visible to the federation)
type PersonSpec = (&'static str, &'static str, usize, &'static [&'static str], &'static [&'static str], bool);

/// (author, group, kind, title, body, comments as (author, text))
type PostSpec<'a> = (usize, Uuid, PostKind, &'a str, &'a str, &'a [(usize, &'a str)]);

const PEOPLE: &[PersonSpec] = &[
    ("Claire Martin", "Déléguée générale", 0, &["subventions", "gouvernance"], &["vie associative"], true),
    ("Julien Bernard", "Chargé de communication", 0, &["communication", "réseaux sociaux"], &["photographie"], true),
    (
        "Sophie Dubois",
        "Responsable administrative et financière",
        0,
        &["comptabilité", "subventions", "paie"],
        &["formation"],
        true,
    ),
    ("Marc Lefèvre", "Président", 0, &["gouvernance", "partenariats"], &["sport"], true),
    (
        "Nadia Benali",
        "Chargée de mission vie associative",
        0,
        &["accompagnement", "bénévolat"],
        &["éducation populaire"],
        true,
    ),
    ("Thomas Moreau", "Président", 1, &["gouvernance", "patrimoine"], &["histoire"], false),
    ("Isabelle Laurent", "Trésorière", 1, &["comptabilité"], &["subventions"], true),
    ("Pierre Girard", "Secrétaire", 1, &["rédaction", "archives"], &["patrimoine"], false),
    ("Camille Roux", "Bénévole", 1, &["visites guidées"], &["histoire", "communication"], false),
    ("Élodie Fournier", "Bénévole", 1, &["réseaux sociaux"], &["photographie"], false),
    ("Karim Haddad", "Président", 2, &["gouvernance", "sport"], &["jeunesse"], true),
    ("Laura Mercier", "Trésorière", 2, &["comptabilité", "paie"], &["subventions"], true),
    ("Antoine Blanc", "Entraîneur salarié", 2, &["sport", "formation"], &["santé"], false),
    ("Manon Garnier", "Secrétaire", 2, &["rédaction"], &["communication"], false),
    ("Hugo Chevalier", "Bénévole", 2, &["événementiel"], &["sport"], false),
    ("Fatou Diallo", "Présidente", 3, &["gouvernance", "accompagnement"], &["solidarité"], true),
    ("Nicolas Perrin", "Coordinateur", 3, &["bénévolat", "logistique"], &["alimentation"], true),
    ("Amélie Robin", "Trésorière", 3, &["comptabilité", "subventions"], &["solidarité"], false),
    ("Yannick Faure", "Bénévole", 3, &["logistique"], &["cuisine"], false),
    ("Sarah Lambert", "Bénévole", 3, &["communication"], &["solidarité"], false),
];

const ORGANISATIONS: &[&str] = &["Les Amis du Vieux-Lyon", "Club Sportif de Villeurbanne", "Solidarité Croix-Rousse"];

fn email_of(name: &str) -> String {
    let ascii: String = name
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'à' | 'â' => 'a',
            'î' | 'ï' => 'i',
            'ô' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            ' ' => '.',
            other => other,
        })
        .collect();
    format!("{ascii}@demo.fabrique.fr")
}

/// Fills an empty database; returns how to sign in, or `None` when data already exists.
pub async fn fill_if_empty(db: &Db) -> ApiResult<Option<DemoSignIn>> {
    let mut tx = db.begin_write().await?;
    let existing: i64 =
        on_tx!(&mut tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM organisations").fetch_one(c).await)?;
    if existing > 0 {
        return Ok(None);
    }
    let password_hash = accounts::hash_password(DEMO_PASSWORD.to_owned()).await?;
    let mut changes = ChangeSet::default();

    let federation = organisations::insert(&mut tx, None, "federation", "Fédération des associations du Rhône").await?;
    let mut orgs = vec![federation];
    for name in ORGANISATIONS {
        orgs.push(organisations::insert(&mut tx, Some(federation), "association", name).await?);
    }

    let mut people_ids: Vec<Actor> = Vec::new();
    for (i, (name, function, org, skills, interests, visible)) in PEOPLE.iter().enumerate() {
        let organisation_id = orgs[*org];
        let federation_admin = i == 0;
        let id = people::insert_person(
            &mut tx,
            NewPerson {
                organisation_id,
                email: email_of(name),
                display_name: (*name).to_owned(),
                password_hash: password_hash.clone(),
                federation_admin,
            },
            &mut changes,
        )
        .await?;
        let actor = Actor::acting_as(id, organisation_id, federation_admin);
        let update = ProfileUpdate {
            display_name: None,
            function: Some((*function).to_owned()),
            bio: None,
            skills: Some(skills.iter().map(|s| (*s).to_owned()).collect()),
            interests: Some(interests.iter().map(|s| (*s).to_owned()).collect()),
            directory_visibility: Some(if *visible {
                DirectoryVisibility::Federation
            } else {
                DirectoryVisibility::Association
            }),
            language: None,
        };
        people::update_profile(&mut tx, &actor, &update, &mut changes).await?;
        people_ids.push(actor);
    }
    // The presidents manage their association.
    for index in [5usize, 10, 15] {
        let actor = &people_ids[index];
        exec!(
            &mut tx,
            sqlx::query("INSERT INTO organisation_managers (organisation_id, person_id) VALUES ($1, $2)")
                .bind(actor.organisation_id)
                .bind(actor.person_id)
        )?;
        people::put_me(&mut tx, actor.person_id, &mut changes).await?;
    }

    let admin = people_ids[0].clone();
    let group = |name: &str| Uuid::new_v5(&Uuid::NAMESPACE_OID, name.as_bytes());
    let subventions = group("Subventions nationales");
    let communication = group("Communication et réseaux sociaux");
    let benevolat = group("Bénévolat et engagement");
    let bureau = group("Bureau de la fédération");
    let finances = group("Commission finances");
    let specs: [(Uuid, &str, &str, Visibility, &[&str]); 5] = [
        (
            subventions,
            "Subventions nationales",
            "Appels à projets, FDVA, dossiers de subvention : posez vos questions, partagez vos réussites.",
            Visibility::Public,
            &["subventions", "financement"],
        ),
        (
            communication,
            "Communication et réseaux sociaux",
            "Affiches, newsletters, réseaux sociaux : entraide entre chargés de communication.",
            Visibility::Public,
            &["communication"],
        ),
        (
            benevolat,
            "Bénévolat et engagement",
            "Recruter, accueillir et fidéliser les bénévoles.",
            Visibility::Public,
            &["bénévolat"],
        ),
        (
            bureau,
            "Bureau de la fédération",
            "Espace de travail du bureau : ordres du jour, comptes rendus, décisions.",
            Visibility::Private,
            &["gouvernance"],
        ),
        (
            finances,
            "Commission finances",
            "Budget, cotisations et suivi financier de la fédération.",
            Visibility::Private,
            &["comptabilité"],
        ),
    ];
    for (id, name, description, visibility, tags) in &specs {
        let tags: Vec<String> = tags.iter().map(|t| (*t).to_owned()).collect();
        groups::create_group(
            &mut tx,
            &admin,
            &NewGroup {
                id: *id,
                name: (*name).to_owned(),
                description: (*description).to_owned(),
                organisation_id: federation,
                visibility: *visibility,
                tags,
            },
            &mut changes,
        )
        .await?;
    }
    for (index, person) in people_ids.iter().enumerate().skip(1) {
        for public in [subventions, communication, benevolat] {
            if !(index + public.as_bytes()[0] as usize).is_multiple_of(3) || index % 4 == 1 {
                groups::join_group(&mut tx, person, public, &mut changes).await?;
            }
        }
    }
    for index in [1usize, 2, 3, 4] {
        for private in [bureau, finances] {
            groups::invite_to_group(&mut tx, &admin, private, people_ids[index].person_id, &mut changes).await?;
            groups::join_group(&mut tx, &people_ids[index], private, &mut changes).await?;
        }
    }
    groups::set_member_role(&mut tx, &admin, subventions, people_ids[2].person_id, &GroupRole::Organiser, &mut changes)
        .await?;
    groups::request_to_join(
        &mut tx,
        &people_ids[6],
        finances,
        "Trésorière d'association, je souhaiterais suivre les travaux de la commission.",
        &mut changes,
    )
    .await?;

    let post_specs: &[PostSpec] = &[
        (
            2,
            subventions,
            PostKind::News,
            "FDVA 2027 : la campagne est ouverte",
            "La campagne du Fonds pour le développement de la vie associative est ouverte jusqu'au 15 février. Les dossiers se déposent sur Le Compte Asso. Je peux relire vos projets avant dépôt.",
            &[
                (6, "Merci Sophie ! Est-ce que les frais de formation des bénévoles sont éligibles ?"),
                (2, "Oui, c'est même la priorité du volet « formation des bénévoles »."),
                (17, "Nous avons obtenu 3 000 € l'an dernier grâce à ta relecture, je recommande."),
            ],
        ),
        (
            11,
            subventions,
            PostKind::Report,
            "Retour d'expérience : subvention de la région",
            "Notre club a obtenu une aide à l'équipement. Ce qui a fait la différence : un budget prévisionnel détaillé et deux devis par achat.",
            &[(0, "Merci pour ce partage, très utile pour les autres clubs.")],
        ),
        (
            1,
            communication,
            PostKind::Document,
            "Kit de communication 2027",
            "Le kit (logos, modèles d'affiches et de publications) est prêt. Adaptez-le à votre association et dites-nous ce qui manque.",
            &[
                (9, "Super ! Un modèle pour les stories serait bienvenu."),
                (1, "Bien noté, il arrive la semaine prochaine."),
            ],
        ),
        (
            16,
            benevolat,
            PostKind::News,
            "Forum des bénévoles le 12 mars",
            "Nous tenons un stand au forum des bénévoles de la Croix-Rousse. Qui veut partager le stand ?",
            &[(14, "Le club peut venir avec deux personnes."), (4, "La fédération apportera les kakémonos.")],
        ),
        (
            0,
            bureau,
            PostKind::Decision,
            "Calendrier de l'assemblée générale",
            "Le bureau a fixé l'assemblée générale au samedi 18 avril, à la Maison des associations.",
            &[(3, "Je prépare le rapport moral pour fin mars.")],
        ),
        (
            2,
            finances,
            PostKind::Report,
            "Point budgétaire du trimestre",
            "Les cotisations sont rentrées à 92 %. Les relances partent cette semaine.",
            &[],
        ),
    ];
    for (author, group_id, kind, title, body, comments) in post_specs {
        let post_id = Uuid::now_v7();
        posts::create_post(
            &mut tx,
            &people_ids[*author],
            &NewPost {
                id: post_id,
                group_id: *group_id,
                kind: *kind,
                title: (*title).to_owned(),
                body: (*body).to_owned(),
                mentions: Vec::new(),
                attachments: Vec::new(),
            },
            &mut changes,
        )
        .await?;
        for (commenter, text) in comments.iter() {
            posts::create_comment(&mut tx, &people_ids[*commenter], Uuid::now_v7(), post_id, text, &[], &mut changes)
                .await?;
        }
        posts::react(&mut tx, &people_ids[0], post_id, "👍", &mut changes).await.ok();
    }

    log::commit(&mut tx, changes).await?;
    tx.commit().await?;
    Ok(Some(DemoSignIn { email: email_of(PEOPLE[0].0), password: DEMO_PASSWORD }))
}
