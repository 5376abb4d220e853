/** Reading the values of the admin API's searches (times, prefixes), the same way on every route. */
package io.eventbus.control.query;
