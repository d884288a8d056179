/** Leaves the single-page app (WeChat OAuth, the guard's Keycloak); tests replace assign(). */
export const navigation = {
  assign(url: string): void {
    window.location.assign(url)
  },
}
