import type { UserEvent } from '../src/identity/identity.events.js';
import { usernameKey, usersReadModel, type UserDocument } from '../read-models/users/users.read-model.js';
import type { ProjectedEvent, Projection } from '../src/kernel/projection.js';

type Event = ProjectedEvent<UserEvent['type']> & UserEvent;

export const usersProjection: Projection<UserDocument, Event> = {
  readModel: usersReadModel,
  handles: ['UserCreated', 'UserChanged', 'UserDisabled', 'UserEnabled', 'UserAcceptedTerms', 'UserPasswordChanged'],
  documentIds: (event) => [event.data.userId],

  evolve(doc, event) {
    if (event.type === 'UserCreated') {
      const { userId, username, name, email, role, municipalityId, grantAreas } = event.data;
      return {
        userId,
        username,
        usernameKey: usernameKey(username),
        name,
        email,
        role,
        municipalityId,
        grantAreas,
        disabled: false,
        termsVersion: null,
        passwordChangedAt: null,
      };
    }
    if (!doc) return null;
    switch (event.type) {
      case 'UserChanged': {
        const { userId: _userId, ...changes } = event.data;
        const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
        return { ...doc, ...defined };
      }
      case 'UserDisabled':
        return { ...doc, disabled: true };
      case 'UserEnabled':
        return { ...doc, disabled: false };
      case 'UserAcceptedTerms':
        return { ...doc, termsVersion: event.data.termsVersion };
      case 'UserPasswordChanged':
        return { ...doc, passwordChangedAt: event.data.changedAt };
    }
  },
};
