//! What the device holds of the server: every entity of the person's scopes, as last pulled.
//!
//! An entity is held while at least one scope holds it (a group member sits in the group's
//! scope and in the member's own person scope). Indexes kept beside the entities make the
//! screens cheap to build: the feed walks `posts_by_time` from the newest, a post's page
//! reads `comments_by_post`, with no scan of the whole store.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};
use fabrique_wire::groups::{Group, GroupRole};
use fabrique_wire::people::Me;
use fabrique_wire::posts::{Comment, Post, Reaction};
use fabrique_wire::sync::{Change, Entity, EntityKind};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

type Key = (EntityKind, Uuid);

#[derive(Default, Debug)]
pub struct LocalStore {
    held: HashMap<Key, Held>,
    // Indexes, rebuilt from `held` when loaded.
    posts_by_time: BTreeSet<(DateTime<Utc>, Uuid)>,
    comments_by_post: HashMap<Uuid, BTreeSet<(DateTime<Utc>, Uuid)>>,
    reactions_by_target: HashMap<Uuid, HashSet<Uuid>>,
    /// My role in each group I belong to.
    my_roles: HashMap<Uuid, GroupRole>,
    /// Public groups I follow without being a member.
    followed: HashSet<Uuid>,
    me: Option<Uuid>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Held {
    id: Uuid,
    scopes: Vec<String>,
    entity: Entity,
}

/// The form kept in the device's key-value storage.
#[derive(Serialize, Deserialize)]
pub struct SavedStore {
    pub cursor: Option<String>,
    entities: Vec<Held>,
}

impl LocalStore {
    pub fn new(me: Uuid) -> Self {
        LocalStore { me: Some(me), ..Default::default() }
    }

    pub fn len(&self) -> usize {
        self.held.len()
    }

    pub fn is_empty(&self) -> bool {
        self.held.is_empty()
    }

    pub fn clear(&mut self) {
        let me = self.me;
        *self = LocalStore { me, ..Default::default() };
    }

    /// Apply one change from a pull: a put adds the scope, a delete removes it.
    pub fn apply(&mut self, change: Change) {
        let key = (change.kind, change.id);
        match change.entity {
            Some(entity) => {
                let scopes = match self.held.remove(&key) {
                    Some(old) => {
                        self.unindex(key.1, &old.entity);
                        let mut scopes = old.scopes;
                        if !scopes.contains(&change.scope) {
                            scopes.push(change.scope);
                        }
                        scopes
                    }
                    None => vec![change.scope],
                };
                self.index(key.1, &entity);
                self.held.insert(key, Held { id: key.1, scopes, entity });
            }
            None => self.drop_scope(key, &change.scope),
        }
    }

    /// The person no longer sees this scope: forget what only it held.
    pub fn purge(&mut self, scope: &str) {
        let keys: Vec<Key> =
            self.held.iter().filter(|(_, held)| held.scopes.iter().any(|s| s == scope)).map(|(k, _)| *k).collect();
        for key in keys {
            self.drop_scope(key, scope);
        }
    }

    fn drop_scope(&mut self, key: Key, scope: &str) {
        let Some(held) = self.held.get_mut(&key) else { return };
        held.scopes.retain(|s| s != scope);
        if held.scopes.is_empty()
            && let Some(old) = self.held.remove(&key)
        {
            self.unindex(key.1, &old.entity);
        }
    }

    fn index(&mut self, id: Uuid, entity: &Entity) {
        match entity {
            Entity::Post(post) => {
                self.posts_by_time.insert((post.created_at, id));
            }
            Entity::Comment(comment) => {
                self.comments_by_post.entry(comment.post_id).or_default().insert((comment.created_at, id));
            }
            Entity::Reaction(reaction) => {
                self.reactions_by_target.entry(reaction.target_id).or_default().insert(id);
            }
            Entity::GroupMember(member) if Some(member.person_id) == self.me => {
                self.my_roles.insert(member.group_id, member.role);
            }
            Entity::Following(following) if Some(following.person_id) == self.me => {
                self.followed.insert(following.group_id);
            }
            _ => {}
        }
    }

    fn unindex(&mut self, id: Uuid, entity: &Entity) {
        match entity {
            Entity::Post(post) => {
                self.posts_by_time.remove(&(post.created_at, id));
            }
            Entity::Comment(comment) => {
                if let Some(set) = self.comments_by_post.get_mut(&comment.post_id) {
                    set.remove(&(comment.created_at, id));
                    if set.is_empty() {
                        self.comments_by_post.remove(&comment.post_id);
                    }
                }
            }
            Entity::Reaction(reaction) => {
                if let Some(set) = self.reactions_by_target.get_mut(&reaction.target_id) {
                    set.remove(&id);
                    if set.is_empty() {
                        self.reactions_by_target.remove(&reaction.target_id);
                    }
                }
            }
            Entity::GroupMember(member) if Some(member.person_id) == self.me => {
                self.my_roles.remove(&member.group_id);
            }
            Entity::Following(following) if Some(following.person_id) == self.me => {
                self.followed.remove(&following.group_id);
            }
            _ => {}
        }
    }

    // Reading

    pub fn me(&self) -> Option<&Me> {
        match self.held.get(&(EntityKind::Me, self.me?)).map(|h| &h.entity) {
            Some(Entity::Me(me)) => Some(me),
            _ => None,
        }
    }

    pub fn group(&self, id: Uuid) -> Option<&Group> {
        match self.held.get(&(EntityKind::Group, id)).map(|h| &h.entity) {
            Some(Entity::Group(group)) => Some(group),
            _ => None,
        }
    }

    pub fn post(&self, id: Uuid) -> Option<&Post> {
        match self.held.get(&(EntityKind::Post, id)).map(|h| &h.entity) {
            Some(Entity::Post(post)) => Some(post),
            _ => None,
        }
    }

    pub fn comment(&self, id: Uuid) -> Option<&Comment> {
        match self.held.get(&(EntityKind::Comment, id)).map(|h| &h.entity) {
            Some(Entity::Comment(comment)) => Some(comment),
            _ => None,
        }
    }

    pub fn my_role(&self, group_id: Uuid) -> Option<GroupRole> {
        self.my_roles.get(&group_id).copied()
    }

    pub fn follows(&self, group_id: Uuid) -> bool {
        self.followed.contains(&group_id)
    }

    /// The groups whose content this device holds: those I belong to, then those I follow.
    pub fn my_group_ids(&self) -> impl Iterator<Item = Uuid> + '_ {
        self.my_roles.keys().copied().chain(self.followed.iter().copied().filter(|g| !self.my_roles.contains_key(g)))
    }

    /// Posts, newest first.
    pub fn posts_newest_first(&self) -> impl Iterator<Item = &Post> + '_ {
        self.posts_by_time.iter().rev().filter_map(|(_, id)| self.post(*id))
    }

    /// A post's comments, oldest first (the order of a conversation).
    pub fn comments_of(&self, post_id: Uuid) -> impl Iterator<Item = &Comment> + '_ {
        self.comments_by_post.get(&post_id).into_iter().flatten().filter_map(|(_, id)| self.comment(*id))
    }

    pub fn reactions_to(&self, target_id: Uuid) -> impl Iterator<Item = &Reaction> + '_ {
        self.reactions_by_target.get(&target_id).into_iter().flatten().filter_map(|id| {
            match self.held.get(&(EntityKind::Reaction, *id)).map(|h| &h.entity) {
                Some(Entity::Reaction(reaction)) => Some(reaction),
                _ => None,
            }
        })
    }

    // Saving

    pub fn save(&self, cursor: Option<String>) -> SavedStore {
        SavedStore { cursor, entities: self.held.values().cloned().collect() }
    }

    pub fn load(me: Uuid, saved: SavedStore) -> Self {
        let mut store = LocalStore::new(me);
        for held in saved.entities {
            store.index(held.id, &held.entity);
            store.held.insert((held.entity.kind(), held.id), held);
        }
        store
    }
}
