/** One line of a {@link TrendChart}: a name for the legend and one value per label. */
export interface TrendSeries {
  name: string
  data: number[]
  /** Fill the area under the line. */
  area?: boolean
}
