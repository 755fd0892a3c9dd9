/** The administration pages' addresses. */
export const ADMIN_PATH = '/administration';
export const USERS_PATH = '/administration/brugere';
export const NEW_USER_PATH = '/administration/brugere/ny';
export const PROJECTIONS_PATH = '/administration/projektioner';
export const CATALOGUE_IMPORT_PATH = '/administration/varefil';
export const DISCONTINUE_PATH = '/administration/udgaaede-varer';
export const MUNICIPALITIES_PATH = '/administration/kommuner';
/** One municipality's page (its details to change). */
export const municipalityPath = (id: string) => `/administration/kommuner/${id}`;
/** One staff account's page (its details to change). */
export const userPath = (userId: string) => `/administration/brugere/${userId}`;
