import 'reflect-metadata';
import { hello } from '#domain';
console.log(hello());
